using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Tests.LevelNaming;

public sealed class LevelCropsTests
{
    [Fact]
    public void MirroringAnUprightCropIsCuttingItMirrored()
    {
        // A film with structure at every scale and a tilted vertebra near its edge, so the crop runs off the film.
        var random = new Random(5);
        var film = new Image<float>(300, 420);
        for (var y = 0; y < film.Height; y++)
        {
            for (var x = 0; x < film.Width; x++)
            {
                film[x, y] = (float)((0.4 * Math.Sin(x / 9.0) * Math.Cos(y / 13.0)) + (0.001 * x) + (0.2 * random.NextDouble()));
            }
        }

        Point2[] corners = [new(40, 100), new(95, 110), new(36, 140), new(91, 152)];
        var frame = VertebraFrame.FromCorners(corners, 5);
        const int Size = 48;

        var upright = LevelCrops.Cut(film, frame, Size, border: 0.25f, mirrored: false);
        var mirrored = LevelCrops.Cut(film, frame, Size, border: 0.25f, mirrored: true);
        var flipped = new float[Size * Size];
        MirrorRows.Apply(upright.Pixels, Size, flipped);

        // The same film points through transforms computed the other way round: equal up to float rounding.
        for (var i = 0; i < flipped.Length; i++)
        {
            Assert.InRange(Math.Abs(mirrored.Pixels[i] - flipped[i]), 0, 1e-5);
        }

        // And a mirror image indeed: the crop is not symmetric, so the flip moved something.
        Assert.Contains(Enumerable.Range(0, flipped.Length), i => Math.Abs(flipped[i] - upright.Pixels[i]) > 0.05);
    }

    [Fact]
    public void StretchingACropScalesItsContentAlongTheVertebraAxisAboutTheCentre()
    {
        // An upright vertebra (endplates horizontal) on a film with one bright horizontal band 10 px tall through its centre.
        var film = new Image<float>(400, 400);
        for (var y = 195; y < 205; y++)
        {
            film.Row(y).Fill(1f);
        }

        Point2[] corners = [new(180, 190), new(220, 190), new(180, 210), new(220, 210)];
        var frame = VertebraFrame.FromCorners(corners, 5);
        const int Size = 100;

        // The crop is 200 film pixels wide, 2 per crop pixel: the band's mass down a column is 5 rows, 10 when stretched by 2.
        static double BandRows(Image<float> crop) => Enumerable.Range(0, crop.Height).Sum(y => crop[crop.Width / 2, y]);
        var plain = LevelCrops.Cut(film, frame, Size, border: 0f, mirrored: false);
        var stretched = LevelCrops.Cut(film, frame, Size, border: 0f, mirrored: false, verticalStretch: 2);
        Assert.InRange(BandRows(plain), 4.9, 5.1);
        Assert.InRange(BandRows(stretched), 9.9, 10.1);

        // About the centre: the band stays centred.
        Assert.InRange(stretched[Size / 2, Size / 2], 0.9f, 1f);
        Assert.Equal(0f, stretched[Size / 2, (Size / 2) + 6]);
        Assert.Equal(0f, stretched[Size / 2, (Size / 2) - 7]);
    }
}
