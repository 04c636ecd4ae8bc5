using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Labels;

/// <summary>
/// Seeded mutation fuzzing: every mutated CSV file must either parse or raise <see cref="LabelFormatException"/>.
/// </summary>
public class LabelReaderFuzzTests
{
    private const int Cases = 3000;

    [Fact]
    public void CsvReadersRaiseOnlyLabelFormatException()
    {
        var random = new Random(20190601);
        var writer = new StringWriter();
        var spine = SyntheticSpine.FromTilts([0, 5, 10, 5, 0]);
        ChallengeCsv.WriteLandmarks(writer, [ChallengeCsv.ToNormalized(spine), ChallengeCsv.ToNormalized(spine)]);
        var seeds = new[] { writer.ToString(), "41.139,14.63,40.147\n59.18,51.527,3.3206\n", "a.jpg\nb c.jpg\n" };
        var outcomes = new int[2];
        for (var i = 0; i < Cases; i++)
        {
            var text = FuzzMutator.Mutate(seeds[i % seeds.Length], random, ",.-e\n\r\"0123456789 ");
            foreach (var read in new Func<TextReader, object>[] { r => ChallengeCsv.ReadLandmarks(r), r => ChallengeCsv.ReadAngles(r), r => ChallengeCsv.ReadFilenames(r) })
            {
                outcomes[Attempt(() => read(new StringReader(text)), text)]++;
            }
        }

        // The harness must exercise both paths, or it tests nothing.
        Assert.True(outcomes[0] > Cases / 10, $"only {outcomes[0]} successes");
        Assert.True(outcomes[1] > Cases / 10, $"only {outcomes[1]} failures");
    }

    private static int Attempt(Func<object> read, string input)
    {
        try
        {
            read();
            return 0;
        }
        catch (LabelFormatException)
        {
            return 1;
        }
        catch (Exception other)
        {
            Assert.Fail($"{other.GetType().Name}: {other.Message} for input:\n{input}");
            return -1;
        }
    }
}
