using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Tests.Training;

public class TrainingSetLoaderTests
{
    [Fact]
    public void TheCornerTargetsTakeTheLevelsUpToTheFirstGap()
    {
        // T3 was dropped from the labels: T4 and T5 must not take its place in the positional targets.
        var bodies = new[] { VertebraLevel.T1, VertebraLevel.T2, VertebraLevel.T4, VertebraLevel.T5 }.Select(Body).ToList();

        var run = TrainingSetLoader.ContiguousRun(bodies);

        Assert.Equal([VertebraLevel.T1, VertebraLevel.T2], run.Select(v => v.Level));
    }

    [Fact]
    public void AnUnbrokenListIsKeptWhole()
    {
        var bodies = VertebraLevels.Run(VertebraLevel.T1, 17).Select(Body).ToList();

        Assert.Equal(17, TrainingSetLoader.ContiguousRun(bodies).Count);
    }

    private static Vertebra Body(VertebraLevel level)
    {
        var y = 50.0 * (int)level;
        return new Vertebra(level, new Point2(10, y), new Point2(40, y), new Point2(10, y + 30), new Point2(40, y + 30));
    }
}
