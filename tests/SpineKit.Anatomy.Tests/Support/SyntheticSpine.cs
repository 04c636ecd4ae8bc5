using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Tests.Support;

/// <summary>
/// Builds hand-made spines whose angles are known by construction: every vertebra is a rectangle turned by a
/// chosen tilt (positive = image-right end higher), and each centre follows from the previous one along the
/// mean axis direction, so the centreline bends exactly as the tilts say.
/// </summary>
internal static class SyntheticSpine
{
    public static LandmarkSet FromTilts(
        double[] tiltsDegrees,
        VertebraLevel first = VertebraLevel.T1,
        int imageWidth = 1000,
        int imageHeight = 2000,
        double width = 40,
        double height = 30,
        double spacing = 40)
    {
        var levels = VertebraLevels.Run(first, tiltsDegrees.Length);
        var centre = new Point2(imageWidth / 2.0, 60);
        var vertebrae = new List<Vertebra>();
        for (var i = 0; i < tiltsDegrees.Length; i++)
        {
            vertebrae.Add(Rectangle(levels[i], centre, tiltsDegrees[i], width, height));
            if (i + 1 < tiltsDegrees.Length)
            {
                var mean = (tiltsDegrees[i] + tiltsDegrees[i + 1]) / 2 * Math.PI / 180;
                centre += new Point2(Math.Sin(mean), Math.Cos(mean)) * spacing;
            }
        }

        return new LandmarkSet(new ImageSize(imageWidth, imageHeight), vertebrae);
    }

    public static Vertebra Rectangle(VertebraLevel level, Point2 centre, double tiltDegrees, double width, double height)
    {
        var radians = tiltDegrees * Math.PI / 180;
        var along = new Point2(Math.Cos(radians), -Math.Sin(radians)) * (width / 2);
        var down = new Point2(Math.Sin(radians), Math.Cos(radians)) * (height / 2);
        return new Vertebra(level, centre - along - down, centre + along - down, centre - along + down, centre + along + down);
    }
}
