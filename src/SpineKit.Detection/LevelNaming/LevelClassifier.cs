using SpineKit.Anatomy;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// Names the levels of a chain of vertebrae from anatomy: every vertebra's wide crop (its neighbours, the ribs'
/// heads, the sacrum or the neck when near) is classified as C7, T1..L5 or S1, and the chain, whose order the
/// detector already fixed, takes the one shift of all its names that the classifier's evidence supports best.
/// A single vertebra's class is uncertain in the mid-thoracic spine; the rib-bearing T12 against L1, the first
/// rib at T1 and the sacrum below L5 are what decide, and the chain carries that decision to every level.
/// One instance runs one film at a time (calls are serialised).
/// </summary>
public sealed class LevelClassifier
{
    /// <summary>Below this margin (natural log of the likelihood ratio of the two best namings) the names are in doubt.</summary>
    public const double DoubtfulMargin = 2.0;

    /// <summary>Names are judged by at least this many detected vertebrae, or left as they are.</summary>
    public const int MinimumVertebrae = 2;

    private readonly Lock _gate = new();

    /// <summary>Wraps a loaded model.</summary>
    public LevelClassifier(LevelClassifierModel model) => Model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The model this stage runs.</summary>
    public LevelClassifierModel Model { get; }

    /// <summary>Whether every crop is also classified mirrored and the two probabilities averaged (twice the network time).</summary>
    public bool TestTimeFlip { get; init; }

    /// <summary>
    /// Renames <paramref name="landmarks"/> (found on <paramref name="grey"/>): the detected vertebrae (confidence
    /// above zero) are classified, every shift of the chain's names is scored by the sum of their log-probabilities,
    /// and the best shift is applied to all vertebrae; those it moves beyond T1-L5 are left out. Vertebrae above C7
    /// or below S1 score as the outer class less one nat (the network never saw them).
    /// </summary>
    public LevelNamingResult Name(Image<float> grey, LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(landmarks);
        var classes = LevelClassifierConfig.Classes;
        var detected = landmarks.Vertebrae.Where(v => v.Confidence > 0 && v.HasLowerEndplate && classes.Contains(v.Level)).ToList();
        if (detected.Count < MinimumVertebrae)
        {
            return new LevelNamingResult(landmarks, 0, double.PositiveInfinity, 1);
        }

        var logProbabilities = LogProbabilities(grey, detected);
        var current = detected.Select(v => IndexOf(v.Level)).ToArray();
        var scores = ScoreShifts(logProbabilities, current);
        // Ties (no evidence either way) keep the names as they are, or move them least.
        var best = scores.OrderByDescending(s => s.Score).ThenBy(s => Math.Abs(s.Shift)).First();
        var second = scores.Where(s => s.Shift != best.Shift).Select(s => s.Score).DefaultIfEmpty(double.NegativeInfinity).Max();
        var total = scores.Sum(s => Math.Exp(s.Score - best.Score));
        var renamed = best.Shift == 0 ? landmarks : Shift(landmarks, best.Shift);
        return new LevelNamingResult(renamed, best.Shift, best.Score - second, 1 / total)
        {
            Evidence = [.. detected.Select((v, i) => (v, logProbabilities[i]))],
        };
    }

    /// <summary>
    /// The score of every shift that keeps at least <see cref="MinimumVertebrae"/> of the vertebrae inside T1-L5:
    /// the sum over vertebrae of log p(class of its shifted name).
    /// </summary>
    internal static List<(int Shift, double Score)> ScoreShifts(IReadOnlyList<float[]> logProbabilities, IReadOnlyList<int> classIndices)
    {
        var last = LevelClassifierConfig.Classes.Count - 1;
        var scores = new List<(int, double)>();
        for (var shift = -classIndices.Max() - 1; shift <= last - classIndices.Min() + 1; shift++)
        {
            var inside = classIndices.Count(c => c + shift >= 1 && c + shift < last);
            if (inside < Math.Min(MinimumVertebrae, classIndices.Count))
            {
                continue;
            }

            double score = 0;
            for (var i = 0; i < classIndices.Count; i++)
            {
                var k = classIndices[i] + shift;
                score += k < 0 ? logProbabilities[i][0] - 1 : k > last ? logProbabilities[i][last] - 1 : logProbabilities[i][k];
            }

            scores.Add((shift, score));
        }

        return scores;
    }

    /// <summary>Log-probabilities over <see cref="LevelClassifierConfig.Classes"/> of each vertebra, from one batched network pass.</summary>
    internal IReadOnlyList<float[]> LogProbabilities(Image<float> grey, IReadOnlyList<Vertebra> vertebrae)
    {
        var config = Model.Config;
        var size = config.CropSize;
        var plane = size * size;
        var members = TestTimeFlip ? 2 : 1;
        var count = vertebrae.Count * members;
        var data = new float[count * plane];
        var border = RefinerCrops.BorderValue(grey);

        // Crops [0, n) are upright, [n, 2n) their mirror images: each crop is cut once (in parallel, they are
        // independent) and its standardised plane mirrored, which standardising the mirrored cut would give up to
        // float rounding.
        var n = vertebrae.Count;
        Parallel.For(0, n, i =>
        {
            var frame = VertebraFrame.FromCorners(vertebrae[i].CornerArray(), config.Context);
            var upright = data.AsSpan(i * plane, plane);
            RefinerCrops.Normalize(LevelCrops.Cut(grey, frame, size, border, mirrored: false), InputNormalization.Standardize, upright);
            if (TestTimeFlip)
            {
                // Mirroring after normalising is exact only because standardising is blind to left and right.
                MirrorRows.Apply(upright, size, data.AsSpan((n + i) * plane, plane));
            }
        });

        float[] logits;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                var crops = new Tensor(data, count, 1, size, size);
                logits = (Model.Fused is { } fused ? fused.Run(crops) : Model.Network.Forward(crops)).Data;
            }
        }

        var classes = LevelClassifierConfig.Classes.Count;
        var result = new float[vertebrae.Count][];
        for (var i = 0; i < vertebrae.Count; i++)
        {
            result[i] = LogSoftmax(logits.AsSpan(i * classes, classes));
            if (TestTimeFlip)
            {
                // The mean of the two distributions, back in logs.
                var mirrored = LogSoftmax(logits.AsSpan((i + vertebrae.Count) * classes, classes));
                for (var k = 0; k < classes; k++)
                {
                    result[i][k] = (float)Math.Log(0.5 * (Math.Exp(result[i][k]) + Math.Exp(mirrored[k])));
                }
            }
        }

        return result;
    }

    private static float[] LogSoftmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var value in logits)
        {
            max = MathF.Max(max, value);
        }

        double sum = 0;
        foreach (var value in logits)
        {
            sum += Math.Exp(value - max);
        }

        var logSum = max + (float)Math.Log(sum);
        var result = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = logits[i] - logSum;
        }

        return result;
    }

    /// <summary>The index of <paramref name="level"/> in <see cref="LevelClassifierConfig.Classes"/>, or -1.</summary>
    internal static int IndexOf(VertebraLevel level)
    {
        var classes = LevelClassifierConfig.Classes;
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] == level)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every vertebra's name moved by <paramref name="shift"/> levels; those moved beyond T1-L5 are left out.</summary>
    internal static LandmarkSet Shift(LandmarkSet landmarks, int shift)
    {
        var classes = LevelClassifierConfig.Classes;
        var moved = new List<Vertebra>();
        foreach (var vertebra in landmarks.Vertebrae)
        {
            var index = IndexOf(vertebra.Level);
            var target = index + shift;
            if (index < 0 || target < 1 || target >= classes.Count - 1)
            {
                continue;
            }

            moved.Add(Vertebra.FromCorners(classes[target], vertebra.CornerArray(), vertebra.Confidence));
        }

        return landmarks.WithVertebrae(moved);
    }
}
