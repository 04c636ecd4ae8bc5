using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// The refinement stage: one crop per vertebra from the original-resolution film, framed on the corners the
/// detector found (centred, turned to the vertebra's axis, <see cref="CornerRefinerConfig.Context"/> times its
/// size), all crops through the network as one batch, the corners mapped back through the exact inverse of each
/// crop's transform. Levels and confidences are kept. One instance runs one film at a time (calls are serialised).
/// </summary>
public sealed class CornerRefiner
{
    private readonly Lock _gate = new();

    /// <summary>Wraps a loaded refiner model.</summary>
    public CornerRefiner(CornerRefinerModel model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The model this stage runs.</summary>
    public CornerRefinerModel Model { get; }

    /// <summary>Predicts every vertebra of <paramref name="landmarks"/> again on <paramref name="grey"/> (the film they were found on).</summary>
    public LandmarkSet Refine(Image<float> grey, LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(landmarks);
        var vertebrae = landmarks.Vertebrae.Where(v => v.HasLowerEndplate).ToList();
        if (vertebrae.Count == 0)
        {
            return landmarks;
        }

        var frames = vertebrae.Select(v => VertebraFrame.FromCorners(v.CornerArray(), Model.Config.Context)).ToArray();
        var corners = Predict(grey, frames);
        var refined = new Dictionary<VertebraLevel, Vertebra>();
        for (var i = 0; i < vertebrae.Count; i++)
        {
            refined[vertebrae[i].Level] = Vertebra.FromCorners(vertebrae[i].Level, corners[i], vertebrae[i].Confidence);
        }

        return landmarks.WithVertebrae(landmarks.Vertebrae.Select(v => refined.GetValueOrDefault(v.Level, v)));
    }

    /// <summary>The four corners (tl, tr, bl, br) in original pixels for each frame, from one batched network pass.</summary>
    internal Point2[][] Predict(Image<float> grey, IReadOnlyList<VertebraFrame> frames)
    {
        var size = Model.Config.CropSize;
        var plane = size * size;
        var data = new float[frames.Count * plane];
        var transforms = new AffineTransform[frames.Count];
        var border = RefinerCrops.BorderValue(grey);
        for (var i = 0; i < frames.Count; i++)
        {
            transforms[i] = frames[i].ToCrop(size);
            RefinerCrops.Normalize(RefinerCrops.Cut(grey, transforms[i], size, border), data.AsSpan(i * plane, plane));
        }

        float[] output;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                output = Model.Network.Corners(new Tensor(data, frames.Count, 1, size, size)).Data;
            }
        }

        var result = new Point2[frames.Count][];
        for (var i = 0; i < frames.Count; i++)
        {
            var back = transforms[i].Invert();
            result[i] = new Point2[4];
            for (var k = 0; k < 4; k++)
            {
                var p = back.Apply(new Vector2(output[(i * 8) + (2 * k)], output[(i * 8) + (2 * k) + 1]));
                result[i][k] = new Point2(p.X, p.Y);
            }
        }

        return result;
    }
}
