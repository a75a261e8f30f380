using System.Text;
using System.Text.RegularExpressions;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// A service repo's <c>.dockerignore</c>, read and matched as <c>docker build</c> does (moby/patternmatcher and its
/// ignore-file reader): comments and blank lines skipped, each pattern trimmed and cleaned as a path (<c>./name</c> and
/// <c>/name</c> are <c>name</c>), <c>*</c> and <c>?</c> within one name, <c>**</c> across folders, <c>[...]</c> classes as
/// Docker's regular expression reads them (<c>[a-c]</c>, <c>[^a]</c>; <c>!</c> in a class is itself), <c>\</c> making the
/// next character plain, <c>!</c> exceptions, the last matching line winning, and a folder left out taking its contents.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<Rule> rules;

    private DockerIgnore(IReadOnlyList<Rule> rules) => this.rules = rules;

    /// <summary>The <c>.dockerignore</c> of <paramref name="folder"/>, or none; a line Docker cannot read is one line naming file and line.</summary>
    public static DockerIgnore Read(string folder)
    {
        var file = Path.Combine(folder, ".dockerignore");
        return File.Exists(file)
            ? Parse(File.ReadAllText(file).TrimStart('\uFEFF').Split('\n').Select((line, i) => (line, $"{file}:{i + 1}")))
            : new DockerIgnore([]);
    }

    /// <summary>
    /// Patterns given one by one rather than in a file (the contract's <c>DATA_PATHS</c>), each with where it was given, for
    /// the one line a pattern Docker cannot read is refused with.
    /// </summary>
    public static DockerIgnore FromPatterns(IEnumerable<(string Pattern, string Where)> patterns) => Parse(patterns);

    /// <summary>Go's <c>filepath.Clean</c> on a slash path, as Docker cleans a pattern: <c>a/./b/../c</c> is <c>a/c</c>.</summary>
    public static string CleanPath(string path) => Clean(path);

    /// <summary>True when <paramref name="relative"/> (a path under the folder, with /) is left out.</summary>
    public bool Excludes(string relative)
    {
        return relative == ".dockerignore" || Matches(relative);
    }

    /// <summary>True when the patterns, read as a <c>.dockerignore</c> reads them, take <paramref name="relative"/> in.</summary>
    public bool Matches(string relative)
    {
        var parents = relative.Split('/')[..^1];
        var excluded = false;
        foreach (var rule in rules)
        {
            // As Docker: an including line is not tried once the path is out, an exception only once it is.
            if (rule.Exception != excluded)
            {
                continue;
            }

            var matched = rule.Matches(relative) || Enumerable.Range(1, parents.Length).Any(n => rule.Matches(string.Join('/', parents[..n])));
            if (matched)
            {
                excluded = !rule.Exception;
            }
        }

        return excluded;
    }

    private static DockerIgnore Parse(IEnumerable<(string Line, string Where)> lines)
    {
        var rules = new List<Rule>();
        foreach (var (line, where) in lines)
        {
            if (line.StartsWith('#') || line.Trim() is not { Length: > 0 } pattern)
            {
                continue;
            }

            var exception = pattern.StartsWith('!');
            pattern = exception ? pattern[1..].Trim() : pattern;
            if (pattern.Length > 0)
            {
                pattern = Clean(pattern);
                pattern = pattern.Length > 1 && pattern[0] == '/' ? pattern[1..] : pattern;
            }

            rules.Add(pattern.Length == 0
                ? throw new InfraTestsException($"{where}: '{line.Trim()}' excepts nothing, which docker build refuses: name what it brings back, or remove the line.")
                : Rule.Compile(pattern, exception, where, line.Trim()));
        }

        return new DockerIgnore(rules);
    }

    // Go's filepath.Clean on a slash path: no empty or "." steps, ".." taking the step before it, "/" kept at the start.
    private static string Clean(string path)
    {
        var rooted = path.StartsWith('/');
        var steps = new List<string>();
        foreach (var step in path.Split('/'))
        {
            if (step is "" or ".")
            {
                continue;
            }

            if (step == ".." && steps.Count > 0 && steps[^1] != "..")
            {
                steps.RemoveAt(steps.Count - 1);
            }
            else if (step != ".." || !rooted)
            {
                steps.Add(step);
            }
        }

        var cleaned = string.Join('/', steps);
        return rooted ? "/" + cleaned : cleaned.Length == 0 ? "." : cleaned;
    }

    private sealed record Rule(bool Exception, Func<string, bool> Matches)
    {
        // As Docker compiles a pattern: plain text compared as it is, "x**" a prefix, a leading "**" with a plain rest a
        // suffix, anything else a regular expression.
        public static Rule Compile(string pattern, bool exception, string where, string line)
        {
            var regex = new StringBuilder("^");
            var kind = Kind.Exact;
            for (int i = 0, token = 0; i < pattern.Length; i++, token++)
            {
                var ch = pattern[i];
                if (ch == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    i += i + 2 < pattern.Length && pattern[i + 2] == '/' ? 2 : 1;
                    var last = i + 1 == pattern.Length;
                    kind = last && kind == Kind.Exact ? Kind.Prefix : Kind.Regex;
                    regex.Append(last ? ".*" : "(.*/)?");
                    kind = token == 0 ? Kind.Suffix : kind;
                }
                else if (ch is '*' or '?')
                {
                    regex.Append(ch == '*' ? "[^/]*" : "[^/]");
                    kind = Kind.Regex;
                }
                else if (".+()|{}$".Contains(ch, StringComparison.Ordinal))
                {
                    regex.Append('\\').Append(ch);
                }
                else if (ch == '\\' && i + 1 < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[++i]);
                    kind = Kind.Regex;
                }
                else
                {
                    regex.Append(ch == '\\' ? "\\\\" : ch.ToString());
                    kind = ch is '[' or ']' ? Kind.Regex : kind;
                }
            }

            return kind switch
            {
                Kind.Prefix => new Rule(exception, path => path.StartsWith(pattern[..^2], StringComparison.Ordinal)),
                Kind.Suffix => new Rule(exception, path => path.EndsWith(pattern[2..], StringComparison.Ordinal) || (pattern.Length > 2 && pattern[2] == '/' && path == pattern[3..])),
                Kind.Exact => new Rule(exception, path => path == pattern),
                _ => new Rule(exception, Expression(regex.Append("\\z").ToString(), where, line).IsMatch),
            };
        }

        private static Regex Expression(string expression, string where, string line)
        {
            try
            {
                return new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException problem)
            {
                throw new InfraTestsException($"{where}: '{line}' is not a pattern docker build can read ({problem.Message.Split('\n')[0].Trim()}): fix it, or write a plain [ as \\[.");
            }
        }

        private enum Kind
        {
            Exact,
            Prefix,
            Suffix,
            Regex,
        }
    }
}
