using System.Globalization;
using System.Numerics;

namespace SpineKit.Imaging.Drawing;

/// <summary>
/// SpineKit's own stroke font (drawn for this project, in the manner of the Hershey fonts): every glyph is a few
/// polylines on a grid where capitals and digits run from y = 0 (top) to y = <see cref="CapUnits"/> (baseline),
/// lower case from y = 4, descenders to y = 16. Strokes scale to any size and are drawn as anti-aliased thick
/// lines by <see cref="Draw.StrokeText"/>, so text stays legible on a 3000-pixel film and when the picture is
/// shown at a quarter of its size. Covers letters, digits, the punctuation of measurements and the degree sign;
/// any other character is drawn as '?'.
/// </summary>
public static class StrokeFont
{
    /// <summary>Grid units from the top of a capital to the baseline.</summary>
    public const float CapUnits = 12;

    /// <summary>Grid units above the cap line (brackets) and below it (descenders) that a line of text may use.</summary>
    internal const float AboveUnits = 1, BelowUnits = 16;

    /// <summary>Blank grid units between the boxes of two neighbouring glyphs.</summary>
    internal const float GapUnits = 3;

    /// <summary>Grid units from one line's cap line to the next.</summary>
    internal const float LineUnits = 21;

    /// <summary>Stroke width as a fraction of the cap height: bold enough to read over bone and soft tissue.</summary>
    internal const float StrokeFraction = 0.11f;

    // Each glyph: its box width in grid units, then strokes separated by '|', each a list of "x,y" points. Written by
    // hand on the grid described above; kept as text so a glyph can be reviewed and edited by eye.
    private static readonly Dictionary<char, string> Definitions = new()
    {
        [' '] = "5",
        ['A'] = "8: 0,12 4,0 8,12 | 1.5,8 6.5,8",
        ['B'] = "8: 0,0 0,12 | 0,0 5.5,0 7.5,1.5 7.5,4.5 5.5,6 0,6 | 5.5,6 8,7.5 8,10.5 6,12 0,12",
        ['C'] = "8: 8,2 6.5,0 2.5,0 0,2.5 0,9.5 2.5,12 6.5,12 8,10",
        ['D'] = "8: 0,0 0,12 5,12 8,9 8,3 5,0 0,0",
        ['E'] = "8: 8,0 0,0 0,12 8,12 | 0,6 6,6",
        ['F'] = "8: 8,0 0,0 0,12 | 0,6 6,6",
        ['G'] = "8: 8,2 6.5,0 2.5,0 0,2.5 0,9.5 2.5,12 6,12 8,10 8,7 5,7",
        ['H'] = "8: 0,0 0,12 | 8,0 8,12 | 0,6 8,6",
        ['I'] = "5: 2.5,0 2.5,12 | 0,0 5,0 | 0,12 5,12",
        ['J'] = "7: 7,0 7,9.5 5,12 2.5,12 0.5,10",
        ['K'] = "8: 0,0 0,12 | 8,0 0,8 | 2.5,5.5 8,12",
        ['L'] = "7: 0,0 0,12 7,12",
        ['M'] = "9: 0,12 0,0 4.5,8 9,0 9,12",
        ['N'] = "8: 0,12 0,0 8,12 8,0",
        ['O'] = "8: 3,0 5,0 7,1 8,3 8,9 7,11 5,12 3,12 1,11 0,9 0,3 1,1 3,0",
        ['P'] = "8: 0,12 0,0 6,0 8,1.5 8,4.5 6,6 0,6",
        ['Q'] = "8: 3,0 5,0 7,1 8,3 8,9 7,11 5,12 3,12 1,11 0,9 0,3 1,1 3,0 | 5,9 8,12.5",
        ['R'] = "8: 0,12 0,0 6,0 8,1.5 8,4.5 6,6 0,6 | 4,6 8,12",
        ['S'] = "8: 8,1.5 6.5,0 1.5,0 0,1.5 0,4.5 1.5,6 6.5,6 8,7.5 8,10.5 6.5,12 1.5,12 0,10.5",
        ['T'] = "8: 0,0 8,0 | 4,0 4,12",
        ['U'] = "8: 0,0 0,9.5 2.5,12 5.5,12 8,9.5 8,0",
        ['V'] = "8: 0,0 4,12 8,0",
        ['W'] = "10: 0,0 2.5,12 5,4 7.5,12 10,0",
        ['X'] = "8: 0,0 8,12 | 8,0 0,12",
        ['Y'] = "8: 0,0 4,6 8,0 | 4,6 4,12",
        ['Z'] = "8: 0,0 8,0 0,12 8,12",
        ['a'] = "6.5: 1,4.5 2.5,4 5,4 6.5,5 6.5,12 | 6.5,7.5 2,7.5 0,9 0,10.5 1.5,12 4.5,12 6.5,10.5",
        ['b'] = "6.5: 0,0 0,12 | 0,6.5 2.5,4 4.5,4 6.5,6 6.5,10 4.5,12 2.5,12 0,9.5",
        ['c'] = "6.5: 6.5,5.5 5,4 2,4 0,6 0,10 2,12 5,12 6.5,10.5",
        ['d'] = "6.5: 6.5,0 6.5,12 | 6.5,6.5 4,4 2,4 0,6 0,10 2,12 4,12 6.5,9.5",
        ['e'] = "6.5: 0,8 6.5,8 6.5,6 4.5,4 2,4 0,6 0,10 2,12 5,12 6.5,11",
        ['f'] = "5.5: 5.5,0.5 4.5,0 3,0 2,1.5 2,12 | 0,4 5,4",
        ['g'] = "6.5: 6.5,4 6.5,14 4.5,16 1.5,16 0.5,15 | 6.5,6.5 4,4 2,4 0,6 0,10 2,12 4,12 6.5,9.5",
        ['h'] = "6.5: 0,0 0,12 | 0,6.5 2.5,4 4.5,4 6.5,6 6.5,12",
        ['i'] = "2: 1,4 1,12 | 1,1.2 1,1.3",
        ['j'] = "4: 3,4 3,14 1.5,16 0,15.5 | 3,1.2 3,1.3",
        ['k'] = "6.5: 0,0 0,12 | 6,4 0,9 | 2,7.5 6.5,12",
        ['l'] = "4: 1,0 1,10.5 2.5,12 4,12",
        ['m'] = "9: 0,4 0,12 | 0,6 1.5,4 3,4 4.5,5.5 4.5,12 | 4.5,5.5 6,4 7.5,4 9,5.5 9,12",
        ['n'] = "6.5: 0,4 0,12 | 0,6.5 2.5,4 4.5,4 6.5,6 6.5,12",
        ['o'] = "6.5: 2,4 4.5,4 6.5,6 6.5,10 4.5,12 2,12 0,10 0,6 2,4",
        ['p'] = "6.5: 0,4 0,16 | 0,6.5 2.5,4 4.5,4 6.5,6 6.5,10 4.5,12 2.5,12 0,9.5",
        ['q'] = "6.5: 6.5,4 6.5,16 | 6.5,6.5 4,4 2,4 0,6 0,10 2,12 4,12 6.5,9.5",
        ['r'] = "5.5: 0,4 0,12 | 0,7 3,4 5.5,4",
        ['s'] = "6.5: 6.5,5 5,4 1.5,4 0,5.5 0.5,7 6,8.5 6.5,10 5,12 1.5,12 0,11",
        ['t'] = "5.5: 2,1 2,10.5 3.5,12 5.5,12 | 0,4 5.5,4",
        ['u'] = "6.5: 0,4 0,10 2,12 4,12 6.5,9.5 | 6.5,4 6.5,12",
        ['v'] = "6.5: 0,4 3.25,12 6.5,4",
        ['w'] = "9: 0,4 2.25,12 4.5,6 6.75,12 9,4",
        ['x'] = "6.5: 0,4 6.5,12 | 6.5,4 0,12",
        ['y'] = "6.5: 0,4 3.25,12 | 6.5,4 2.5,14.5 1,16 0,16",
        ['z'] = "6.5: 0,4 6.5,4 0,12 6.5,12",
        ['0'] = "8: 3,0 5,0 7,1.5 8,4 8,8 7,10.5 5,12 3,12 1,10.5 0,8 0,4 1,1.5 3,0",
        ['1'] = "8: 1.5,2.5 4.5,0 4.5,12 | 1.5,12 7.5,12",
        ['2'] = "8: 0,2 2,0 6,0 8,2 8,4.5 0,12 8,12",
        ['3'] = "8: 0,1.5 1.5,0 6.5,0 8,1.5 8,4.5 6.5,6 3,6 | 6.5,6 8,7.5 8,10.5 6.5,12 1.5,12 0,10.5",
        ['4'] = "8: 6,12 6,0 0,8.5 8,8.5",
        ['5'] = "8: 8,0 1,0 0,5.5 5.5,5 8,7 8,10 6,12 2,12 0,10.5",
        ['6'] = "8: 7.5,1 5.5,0 3,0 1,1.5 0,4.5 0,9.5 2,12 6,12 8,10 8,7.5 6,5.5 2,5.5 0,7.5",
        ['7'] = "8: 0,0 8,0 3,12",
        ['8'] = "8: 1.5,6 0,4.5 0,1.5 1.5,0 6.5,0 8,1.5 8,4.5 6.5,6 1.5,6 0,7.5 0,10.5 1.5,12 6.5,12 8,10.5 8,7.5 6.5,6",
        ['9'] = "8: 8,4.5 6,6.5 2,6.5 0,4.5 0,2 2,0 6,0 8,2 8,7.5 7,10.5 5,12 2.5,12 0.5,11",
        ['.'] = "2: 1,11.6 1,11.7",
        [','] = "2: 1.5,11 0.5,14",
        [':'] = "2: 1,4.6 1,4.7 | 1,11.6 1,11.7",
        [';'] = "2: 1,4.6 1,4.7 | 1.5,11 0.5,14",
        ['-'] = "5: 0,7 5,7",
        ['+'] = "6: 0,7 6,7 | 3,4 3,10",
        ['='] = "6: 0,5 6,5 | 0,9 6,9",
        ['/'] = "6: 0,13 6,-1",
        ['\\'] = "6: 0,-1 6,13",
        ['|'] = "2: 1,-1 1,13",
        ['('] = "3: 3,-1 1,2 0,6 1,10 3,13",
        [')'] = "3: 0,-1 2,2 3,6 2,10 0,13",
        ['['] = "3: 3,-1 0,-1 0,13 3,13",
        [']'] = "3: 0,-1 3,-1 3,13 0,13",
        ['<'] = "6: 6,2 0,7 6,12",
        ['>'] = "6: 0,2 6,7 0,12",
        ['\''] = "2: 1,0 1,3",
        ['"'] = "3.5: 0.5,0 0.5,3 | 3,0 3,3",
        ['!'] = "2: 1,0 1,8.5 | 1,11.6 1,11.7",
        ['?'] = "7: 0,2 2,0 5,0 7,2 7,4 3.5,6.5 3.5,8.5 | 3.5,11.6 3.5,11.7",
        ['%'] = "8: 0,12 8,0 | 1.5,0 3,1.5 1.5,3 0,1.5 1.5,0 | 6.5,9 8,10.5 6.5,12 5,10.5 6.5,9",
        ['*'] = "6: 3,3 3,9 | 0.5,4.5 5.5,7.5 | 5.5,4.5 0.5,7.5",
        ['_'] = "8: 0,13 8,13",
        ['#'] = "8: 2,12 3.5,0 | 5,12 6.5,0 | 0,4 8,4 | 0,8 8,8",
        ['\u00b0'] = "4.5: 1.5,0 3,0 4,1.5 4,3 3,4.5 1.5,4.5 0.5,3 0.5,1.5 1.5,0", // degree sign
    };

    private static readonly Dictionary<char, Glyph> Glyphs = Definitions.ToDictionary(pair => pair.Key, pair => Parse(pair.Value));

    /// <summary>True when <paramref name="character"/> has its own glyph (otherwise it is drawn as '?').</summary>
    public static bool Has(char character) => Glyphs.ContainsKey(character);

    /// <summary>The stroke width in pixels at a cap height of <paramref name="capHeight"/> pixels.</summary>
    public static float StrokeWidth(float capHeight) => MathF.Max(1f, capHeight * StrokeFraction);

    /// <summary>
    /// The box <see cref="Draw.StrokeText"/> reports for <paramref name="text"/> at <paramref name="capHeight"/>
    /// pixels, relative to the point it is drawn at (the top-left of the first capital): every inked pixel lies
    /// inside it, strokes, brackets and descenders included; '\n' starts a new line.
    /// </summary>
    public static (float Left, float Top, float Width, float Height) Measure(string text, float capHeight)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scale = capHeight / CapUnits;

        // Half a stroke beyond the glyph's points, and the anti-aliased fringe half a pixel further.
        var half = (StrokeWidth(capHeight) / 2) + 0.5f;
        var lines = text.Split('\n');
        var widest = lines.Max(line => LineUnitsWide(line));
        var height = ((lines.Length - 1) * LineUnits) + AboveUnits + BelowUnits;
        return (-half, (-AboveUnits * scale) - half, (widest * scale) + (2 * half), (height * scale) + (2 * half));
    }

    /// <summary>The glyph drawn for <paramref name="character"/>.</summary>
    internal static Glyph GlyphOf(char character) => Glyphs.TryGetValue(character, out var glyph) ? glyph : Glyphs['?'];

    /// <summary>Width in grid units of one line: glyph boxes and the gaps between them.</summary>
    internal static float LineUnitsWide(string line)
    {
        if (line.Length == 0)
        {
            return 0;
        }

        return line.Sum(c => GlyphOf(c).Width) + ((line.Length - 1) * GapUnits);
    }

    private static Glyph Parse(string definition)
    {
        var colon = definition.IndexOf(':', StringComparison.Ordinal);
        var width = float.Parse(colon < 0 ? definition : definition[..colon], CultureInfo.InvariantCulture);
        var strokes = colon < 0 ? [] : definition[(colon + 1)..].Split('|').Select(stroke => stroke
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(point => point.Split(','))
            .Select(xy => new Vector2(float.Parse(xy[0], CultureInfo.InvariantCulture), float.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray()).ToArray();
        return new Glyph(width, strokes);
    }

    /// <summary>One glyph: its box width in grid units and its polylines.</summary>
    internal sealed record Glyph(float Width, Vector2[][] Strokes);
}
