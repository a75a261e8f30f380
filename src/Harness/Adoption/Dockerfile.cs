using System.Text.RegularExpressions;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// What a service repo's Dockerfile says about the image it builds, read without building it: its ENV (with the line each
/// is set on), EXPOSE and LABEL instructions. Init compares it with the image production runs, and names a line to add to.
/// </summary>
internal sealed partial class Dockerfile
{
    /// <summary>The file name init reads in a service root.</summary>
    public const string FileName = "Dockerfile";

    private Dockerfile(IReadOnlyDictionary<string, (string Value, int Line)> environment, IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> exposed, int? lastEnvLine)
    {
        Environment = environment;
        Labels = labels;
        Exposed = exposed;
        LastEnvLine = lastEnvLine;
    }

    /// <summary>Every ENV variable set, with its value and the line its instruction starts on (the last setting wins).</summary>
    public IReadOnlyDictionary<string, (string Value, int Line)> Environment { get; }

    /// <summary>Every LABEL, by key.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Every port of the EXPOSE instructions, as written (<c>53/udp</c>).</summary>
    public IReadOnlyList<string> Exposed { get; }

    /// <summary>The line the last ENV instruction starts on: where a new variable belongs. Null without one.</summary>
    public int? LastEnvLine { get; }

    /// <summary>Reads <c>Dockerfile</c> in <paramref name="folder"/>; null when there is none.</summary>
    public static Dockerfile? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
    }

    /// <summary>Parses Dockerfile text: instructions joined across <c>\</c> continuations, comments skipped.</summary>
    public static Dockerfile Parse(string text)
    {
        var environment = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var exposed = new List<string>();
        int? lastEnv = null;
        foreach (var (instruction, arguments, line) in Instructions(text))
        {
            switch (instruction)
            {
                case "ENV":
                    lastEnv = line;
                    foreach (var (key, value) in Pairs(arguments))
                    {
                        environment[key] = (value, line);
                    }

                    break;
                case "LABEL":
                    foreach (var (key, value) in Pairs(arguments))
                    {
                        labels[key] = value;
                    }

                    break;
                case "EXPOSE":
                    exposed.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
            }
        }

        return new Dockerfile(environment, labels, exposed, lastEnv);
    }

    private static IEnumerable<(string Instruction, string Arguments, int Line)> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var first = i + 1;
            var current = lines[i].Trim();
            if (current.Length == 0 || current.StartsWith('#'))
            {
                continue;
            }

            // A comment line inside a continued instruction is dropped, and the instruction goes on past it (as Docker reads it).
            while (current.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                if (!next.StartsWith('#'))
                {
                    current = current[..^1].TrimEnd() + " " + next;
                }
            }

            var space = current.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                yield return (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim(), first);
            }
        }
    }

    // `KEY=VALUE KEY2="two words"`, or the old single form `KEY VALUE WITH SPACES`.
    private static IEnumerable<(string Key, string Value)> Pairs(string arguments)
    {
        var firstWord = arguments.Split(' ', 2)[0];
        if (!firstWord.Contains('=', StringComparison.Ordinal))
        {
            var space = arguments.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                yield return (arguments[..space], Unquote(arguments[(space + 1)..].Trim()));
            }

            yield break;
        }

        foreach (Match pair in PairPattern().Matches(arguments))
        {
            yield return (Unquote(pair.Groups["key"].Value), Unquote(pair.Groups["value"].Value));
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("""(?<key>"[^"]*"|[^\s=]+)=(?<value>"(?:[^"\\]|\\.)*"|'[^']*'|\S*)""")]
    private static partial Regex PairPattern();
}
