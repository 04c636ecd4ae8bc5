using System.Diagnostics;

namespace SpineKit.Imaging.Tests.Fuzzing;

/// <summary>
/// Runs a decoder over mutated inputs and checks the contract: a decoded image or an
/// <see cref="ImageFormatException"/> with a byte offset, never another exception, never a slow case, and never an
/// allocation beyond what the input could justify.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>No case may take longer than this (a generous bound that still catches runaway loops).</summary>
    private static readonly TimeSpan MaxCaseTime = TimeSpan.FromSeconds(2);

    public static (int Decoded, int Rejected) Run(
        IReadOnlyList<byte[]> seeds,
        int cases,
        int seed,
        Func<byte[], IReadOnlyList<(int Offset, int Size, bool BigEndian)>> lengthFields,
        Func<byte[], byte[]> repair,
        Action<byte[]> decode)
    {
        var random = new Random(seed);
        var fields = seeds.Select(lengthFields).ToArray();
        int decoded = 0, rejected = 0;
        for (var i = 0; i < cases; i++)
        {
            var which = random.Next(seeds.Count);
            var input = Mutator.Mutate(seeds[which], random, fields[which]);
            if (random.Next(2) == 0)
            {
                // Half the cases get their checksums fixed so the corruption reaches past the integrity checks.
                input = repair(input);
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                decode(input);
                decoded++;
            }
            catch (ImageFormatException exception)
            {
                Assert.True(exception.Offset is not null, $"case {i}: no byte offset in '{exception.Message}'");
                rejected++;
            }
            catch (Exception exception)
            {
                Assert.Fail($"case {i} (seed file {which}, {input.Length} bytes): {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
            }

            Assert.True(clock.Elapsed < MaxCaseTime, $"case {i} took {clock.Elapsed.TotalSeconds:F1} s");
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var justified = (16L << 20) + (1100L * input.Length);
            Assert.True(allocated <= justified, $"case {i} allocated {allocated} bytes for a {input.Length}-byte input");
        }

        return (decoded, rejected);
    }
}
