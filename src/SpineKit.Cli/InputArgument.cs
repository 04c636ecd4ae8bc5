using System.CommandLine;
using System.CommandLine.Parsing;

namespace SpineKit.Cli;

/// <summary>
/// The <c>inputs</c> argument of the batch commands. A mistyped option (<c>--modle m</c>) would otherwise be taken
/// for two input files and end in "no such file"; here a token that starts with '-' and names no file is a usage
/// error that says which option was probably meant.
/// </summary>
internal static class InputArgument
{
    /// <summary>Creates the argument (one or more files or folders).</summary>
    public static Argument<string[]> Create(string description)
    {
        var argument = new Argument<string[]>("inputs") { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                if (token.StartsWith('-') && !File.Exists(token) && !Directory.Exists(token))
                {
                    var options = (result.Parent as CommandResult)?.Command.Options.Select(o => o.Name) ?? [];
                    var suggestion = options.Select(name => (Name: name, Distance: Distance(name, token.Split('=')[0])))
                        .Where(c => c.Distance <= 2).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
                    result.AddError($"unrecognized option '{token}'{(suggestion is null ? string.Empty : $" (did you mean {suggestion}?)")}");
                }
            }
        });
        return argument;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing one.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
