using System.Text;

namespace SpineKit.Anatomy.Tests.Support;

/// <summary>Small seeded text mutations: flips, insertions, deletions, duplicated and truncated spans.</summary>
internal static class FuzzMutator
{
    public static string Mutate(string seed, Random random, string alphabet)
    {
        var text = new StringBuilder(seed);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0 when text.Length > 0:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2 when text.Length > 0:
                    text.Remove(at, Math.Min(1 + random.Next(8), text.Length - at));
                    break;
                case 3 when text.Length > 0:
                    var length = Math.Min(1 + random.Next(40), text.Length - at);
                    text.Insert(at, text.ToString(at, length));
                    break;
                case 4:
                    text.Length = at;
                    break;
                default:
                    text.Insert(at, (char)random.Next(0x20, 0x3000));
                    break;
            }
        }

        return text.ToString();
    }
}
