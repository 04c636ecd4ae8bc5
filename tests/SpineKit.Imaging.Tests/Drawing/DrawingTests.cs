using System.Numerics;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Drawing;

public class DrawingTests
{
    private static Image<byte> Canvas(int width = 32, int height = 24) => new(width, height, 3);

    private static bool Painted(Image<byte> canvas, int x, int y) => canvas[x, y, 0] != 0 || canvas[x, y, 1] != 0 || canvas[x, y, 2] != 0;

    private static HashSet<(int X, int Y)> PaintedSet(Image<byte> canvas)
    {
        var set = new HashSet<(int, int)>();
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                if (Painted(canvas, x, y))
                {
                    set.Add((x, y));
                }
            }
        }

        return set;
    }

    [Fact]
    public void GreyToRgbCopiesTheLevelIntoEveryChannel()
    {
        var grey = new Image<byte>(2, 1, 1, [7, 200]);

        var rgb = GrayToRgb.Apply(grey);

        Assert.Equal(new byte[] { 7, 7, 7, 200, 200, 200 }, rgb.Pixels);
        Assert.Equal(new byte[] { 0, 0, 0, 255, 255, 255 }, GrayToRgb.Apply(new Image<float>(2, 1, 1, [-1f, 1f])).Pixels);
        Assert.Throws<ArgumentException>(() => GrayToRgb.Apply(rgb));
    }

    [Theory]
    [InlineData(FillRule.EvenOdd)]
    [InlineData(FillRule.NonZero)]
    public void FilledRectangleCoversExactlyItsPixels(FillRule rule)
    {
        var canvas = Canvas();
        Vector2[] rectangle = [new(3, 4), new(11, 4), new(11, 9), new(3, 9)];

        Draw.FillPolygon(canvas, rectangle, Rgb.Red, rule);

        var expected = new HashSet<(int, int)>();
        for (var y = 4; y < 9; y++)
        {
            for (var x = 3; x < 11; x++)
            {
                expected.Add((x, y));
            }
        }

        Assert.Equal(expected, PaintedSet(canvas));
        Assert.Equal(new byte[] { 255, 0, 0 }, canvas.Pixels.AsSpan(((5 * 32) + 5) * 3, 3).ToArray());
    }

    [Fact]
    public void AdjacentPolygonsDoNotOverlap()
    {
        var left = Canvas();
        var right = Canvas();
        Vector2[] a = [new(2.3f, 1.7f), new(9.6f, 3.1f), new(7.2f, 15.4f)];
        Vector2[] b = [new(9.6f, 3.1f), new(20.1f, 12.8f), new(7.2f, 15.4f)];

        Draw.FillPolygon(left, a, Rgb.White);
        Draw.FillPolygon(right, b, Rgb.White);

        Assert.Empty(PaintedSet(left).Intersect(PaintedSet(right)));
    }

    [Fact]
    public void FillRulesDifferOnAPentagram()
    {
        // The five-pointed star drawn in one stroke winds twice around its centre.
        var star = new Vector2[5];
        for (var i = 0; i < 5; i++)
        {
            var angle = (-Math.PI / 2) + (i * 4 * Math.PI / 5);
            star[i] = new Vector2(16 + (float)(11 * Math.Cos(angle)), 12 + (float)(11 * Math.Sin(angle)));
        }

        var evenOdd = Canvas();
        var nonZero = Canvas();
        Draw.FillPolygon(evenOdd, star, Rgb.White, FillRule.EvenOdd);
        Draw.FillPolygon(nonZero, star, Rgb.White, FillRule.NonZero);

        Assert.False(Painted(evenOdd, 15, 12));
        Assert.True(Painted(nonZero, 15, 12));
        Assert.True(Painted(evenOdd, 15, 3));
        Assert.True(Painted(nonZero, 15, 3));
    }

    [Fact]
    public void PointPaintsThePixelCentresWithinTheRadius()
    {
        var canvas = Canvas();

        Draw.Point(canvas, new Vector2(10.5f, 8.5f), 2, Rgb.Green);

        // Integer offsets (dx, dy) with dx^2 + dy^2 <= 4: 13 pixels.
        var painted = PaintedSet(canvas);
        Assert.Equal(13, painted.Count);
        Assert.All(painted, p => Assert.InRange(((p.X - 10) * (p.X - 10)) + ((p.Y - 8) * (p.Y - 8)), 0, 4));
    }

    [Fact]
    public void AntialiasedPointCoversItsArea()
    {
        var canvas = Canvas();

        Draw.Point(canvas, new Vector2(12.3f, 9.8f), 4.5f, Rgb.White, antialias: true);

        var total = canvas.Pixels.Where((_, i) => i % 3 == 0).Sum(v => v / 255.0);
        Assert.Equal(Math.PI * 4.5 * 4.5, total, 0);
        Assert.Contains(canvas.Pixels, v => v is > 0 and < 255);
    }

    [Fact]
    public void ThickLineCoversTheStrokeAndRoundCaps()
    {
        var canvas = Canvas();

        Draw.Line(canvas, new Vector2(4.5f, 10.5f), new Vector2(20.5f, 10.5f), 3, Rgb.Blue);

        for (var x = 4; x <= 20; x++)
        {
            Assert.True(Painted(canvas, x, 9) && Painted(canvas, x, 10) && Painted(canvas, x, 11));
            Assert.False(Painted(canvas, x, 8) || Painted(canvas, x, 12));
        }

        // The caps reach half the thickness past the ends.
        Assert.True(Painted(canvas, 3, 10));
        Assert.True(Painted(canvas, 21, 10));
        Assert.False(Painted(canvas, 2, 10));
        Assert.False(Painted(canvas, 22, 10));
    }

    [Fact]
    public void ThinDiagonalLineHasNoGaps()
    {
        var canvas = Canvas(40, 40);

        Draw.Line(canvas, new Vector2(2.2f, 3.1f), new Vector2(37.9f, 21.4f), 1, Rgb.White);

        for (var x = 3; x <= 37; x++)
        {
            Assert.Contains(Enumerable.Range(0, 40), y => Painted(canvas, x, y));
        }
    }

    [Fact]
    public void PolygonOutlineTouchesEveryEdgeButNotTheInside()
    {
        var canvas = Canvas();
        Vector2[] square = [new(5.5f, 5.5f), new(20.5f, 5.5f), new(20.5f, 18.5f), new(5.5f, 18.5f)];

        Draw.Polygon(canvas, square, 1, Rgb.Yellow);

        Assert.True(Painted(canvas, 12, 5) && Painted(canvas, 20, 12) && Painted(canvas, 12, 18) && Painted(canvas, 5, 12));
        Assert.False(Painted(canvas, 12, 12));
    }

    [Fact]
    public void ShapesOutsideTheCanvasAreClipped()
    {
        var canvas = Canvas(8, 8);

        Draw.Point(canvas, new Vector2(-100, 4), 3, Rgb.White);
        Draw.Line(canvas, new Vector2(-50, -50), new Vector2(50, 50), 2, Rgb.White);
        Draw.FillPolygon(canvas, [new(-1e6f, -1e6f), new(1e6f, -1e6f), new(0, 1e6f)], Rgb.White);
        Draw.Text(canvas, "far", 500, -300, Rgb.White, 3);

        Assert.True(Painted(canvas, 4, 4));
    }

    [Fact]
    public void PolygonWithAnUndefinedVertexDrawsNothing()
    {
        var canvas = new Image<byte>(8, 8, 3);

        Draw.FillPolygon(canvas, [new(1, 1), new(float.NaN, 5), new(6, 6)], Rgb.Red);

        Assert.All(canvas.Pixels, v => Assert.Equal(0, v));
    }

    [Fact]
    public void DrawingNeedsAnRgbCanvas()
    {
        var grey = new Image<byte>(4, 4);

        var error = Assert.Throws<ArgumentException>(() => Draw.Point(grey, Vector2.One, 1, Rgb.Red));
        Assert.Contains("GrayToRgb", error.Message);
    }

    [Fact]
    public void DrawnDotFollowsAnAffineWarp()
    {
        // The drawing and the warp share one pixel convention, so a dot drawn at p is found at T(p) after warping.
        var canvas = Canvas(64, 48);
        var dot = new Vector2(21.7f, 30.2f);
        Draw.Point(canvas, dot, 2.5f, Rgb.White);
        var grey = new Image<float>(64, 48);
        for (var i = 0; i < grey.Pixels.Length; i++)
        {
            grey.Pixels[i] = canvas.Pixels[3 * i] / 255f;
        }

        var transform = AffineTransform.Rotation(-40, new Vector2(32, 24)).Then(AffineTransform.Scale(1.2, 0.9, new Vector2(32, 24)));
        Span<Vector2> points = [dot];
        var warped = AffineWarp.Apply(grey, transform, 64, 48, points);

        Assert.InRange(Vector2.Distance(Transforms.ResizeTests.Centroid(warped), points[0]), 0, 0.5f);
    }
}
