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

    /// <summary>
    /// Whether every crop is also predicted mirrored (its corners relabelled and mirrored back) and the two
    /// predictions averaged: twice the network time, for what the model card measures it gains.
    /// </summary>
    public bool TestTimeFlip { get; init; }

    /// <summary>
    /// How many times the stage runs, each pass framing its crops on the previous pass's corners (a better frame
    /// leaves the network a smaller error to undo); each pass costs one batched network run.
    /// </summary>
    public int Passes
    {
        get => _passes;
        init => _passes = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Passes), "At least one pass.");
    }

    private readonly int _passes = 1;

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

        var corners = vertebrae.Select(v => v.CornerArray()).ToArray();
        for (var pass = 0; pass < Passes; pass++)
        {
            corners = Predict(grey, [.. corners.Select(c => VertebraFrame.FromCorners(c, Model.Config.Context))]);
        }

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
        var members = TestTimeFlip ? 2 : 1;
        var count = frames.Count * members;
        var data = new float[count * plane];
        var transforms = new AffineTransform[count];
        var border = RefinerCrops.BorderValue(grey);
        // Crops [0, n) are upright, [n, 2n) their mirror images; each is cut and normalised on its own, as in training
        // (in parallel: on a full-spine film every crop samples a wide stretch of the film; and CLAHE is not
        // mirror-symmetric, so a mirrored crop cannot be the mirror of a normalised one).
        Parallel.For(0, count, i =>
        {
            var toCrop = frames[i % frames.Count].ToCrop(size);
            transforms[i] = i < frames.Count ? toCrop : toCrop.Then(AffineTransform.FlipHorizontal(size));
            RefinerCrops.Normalize(RefinerCrops.Cut(grey, transforms[i], size, border), Model.Config.Normalization, data.AsSpan(i * plane, plane));
        });

        float[] output;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                var crops = new Tensor(data, count, 1, size, size);
                output = (Model.Fused is { } fused ? Model.Network.CornersFrom(fused.Run(crops)) : Model.Network.Corners(crops)).Data;
            }
        }

        var result = new Point2[frames.Count][];
        for (var i = 0; i < frames.Count; i++)
        {
            result[i] = new Point2[4];
        }

        for (var i = 0; i < count; i++)
        {
            var back = transforms[i].Invert();
            var mirrored = i >= frames.Count;
            for (var k = 0; k < 4; k++)
            {
                // In a mirrored crop the network's top-left is the vertebra's top-right (k xor 1).
                var p = back.Apply(new Vector2(output[(i * 8) + (2 * k)], output[(i * 8) + (2 * k) + 1]));
                var corner = mirrored ? k ^ 1 : k;
                var target = result[i % frames.Count];
                target[corner] = new Point2(target[corner].X + (p.X / members), target[corner].Y + (p.Y / members));
            }
        }

        return result;
    }
}
