using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Detection.Inference;

/// <summary>The centre-to-centre steps along a chain of vertebrae: how corrections judge a body's size and the chain's regularity.</summary>
internal static class ChainSteps
{
    /// <summary>The distance from each vertebra's centre to the next one's, in the order given.</summary>
    public static List<double> Lengths(IReadOnlyList<Vertebra> chain) =>
        [.. chain.Zip(chain.Skip(1), (a, b) => Point2.Distance(a.Center, b.Center))];
}
