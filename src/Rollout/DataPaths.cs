using InfraTests.Harness;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout;

/// <summary>
/// What a rollout may change under a target's SERVICE_ROOT: the contract's <c>DATA_PATHS</c>, space-separated patterns
/// relative to SERVICE_ROOT read as a <c>.dockerignore</c> reads its lines (<c>zones</c> takes the folder and all in it,
/// <c>*</c>, <c>**</c>, <c>!</c> exceptions, the last match wins). Without it, the default: every file except the image's
/// build files (<c>Dockerfile*</c>, <c>Containerfile*</c>, <c>.dockerignore</c>), executable files, and the folders under
/// SERVICE_ROOT that hold the contract's own commands (each <c>*_METHOD</c>: <c>bin/</c> for <c>/service/bin/update.sh</c>).
/// Everything else is code: it goes out with a new image.
/// </summary>
internal sealed class DataPaths
{
    /// <summary>The contract's ENV naming the data.</summary>
    public const string Variable = "DATA_PATHS";

    private static readonly string[] BuildFiles = ["Dockerfile*", "Containerfile*", ".dockerignore"];

    private readonly DockerIgnore? patterns;
    private readonly IReadOnlyList<string> commandPaths;

    private DataPaths(DockerIgnore? patterns, IReadOnlyList<string> commandPaths, string description)
    {
        this.patterns = patterns;
        this.commandPaths = commandPaths;
        Description = description;
    }

    /// <summary>How messages name them: <c>DATA_PATHS 'zones'</c>, or the default and what it leaves out.</summary>
    public string Description { get; }

    /// <summary>
    /// The data paths <paramref name="contract"/> declares; <paramref name="who"/> (the target) begins the one line a
    /// pattern Docker cannot read, an absolute one or one leaving SERVICE_ROOT is refused with.
    /// </summary>
    public static DataPaths Of(ImageContract contract, string who)
    {
        var root = contract.ServiceRoot.TrimEnd('/');
        if (!contract.Environment.TryGetValue(Variable, out var declared))
        {
            var commands = CommandPaths(contract, root);
            var held = commands.Count == 0 ? string.Empty : $", {string.Join(", ", commands)}";
            return new DataPaths(null, commands, $"the default DATA_PATHS (all but Dockerfile*, .dockerignore, executable files{held})");
        }

        var words = declared.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw new InfraTestsException($"{who}: ENV {Variable} is set but empty, so a rollout could change nothing: name the data (DATA_PATHS=\"zones\"), or leave it unset for the default (docs/contract.md).");
        }

        foreach (var word in words)
        {
            var pattern = word.TrimStart('!');
            if (pattern.StartsWith('/'))
            {
                throw new InfraTestsException($"{who}: ENV {Variable} '{word}' is an absolute path: patterns are relative to SERVICE_ROOT ({root}); write '{Relative(pattern, root)}'.");
            }

            if (DockerIgnore.CleanPath(pattern) is ".." or ['.', '.', '/', ..])
            {
                throw new InfraTestsException($"{who}: ENV {Variable} '{word}' leaves SERVICE_ROOT ({root}): a rollout changes nothing outside it; name folders inside it.");
            }
        }

        var matcher = DockerIgnore.FromPatterns(words.Select((word, i) => (word, $"{who}: ENV {Variable} pattern {i + 1}")));
        return new DataPaths(matcher, [], $"{Variable} '{string.Join(' ', words)}'");
    }

    /// <summary>
    /// True when <paramref name="relative"/> (a path under SERVICE_ROOT) is data a rollout may write or remove;
    /// <paramref name="executable"/> says whether the file is executable (in the revision or in the image).
    /// </summary>
    public bool Holds(string relative, bool executable)
    {
        if (patterns is not null)
        {
            return patterns.Matches(relative);
        }

        var name = relative[(relative.LastIndexOf('/') + 1)..];
        return !executable
            && !BuildFiles.Any(b => b.EndsWith('*') ? name.StartsWith(b[..^1], StringComparison.Ordinal) : name == b)
            && !commandPaths.Any(c => c.EndsWith('/') ? relative.StartsWith(c, StringComparison.Ordinal) : relative == c);
    }

    // Where the contract's own commands live under SERVICE_ROOT: each *_METHOD's folder ("bin/"), or the file itself when it
    // sits in SERVICE_ROOT, so the data beside it stays data.
    private static IReadOnlyList<string> CommandPaths(ImageContract contract, string root) => contract.Environment
        .Where(e => e.Key.EndsWith("_METHOD", StringComparison.Ordinal))
        .Select(e => e.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty)
        .Where(command => command.StartsWith(root + "/", StringComparison.Ordinal))
        .Select(command => DockerIgnore.CleanPath(command[(root.Length + 1)..]))
        .Where(path => path != "." && !path.StartsWith("..", StringComparison.Ordinal))
        .Select(path => path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : path)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Relative(string pattern, string root) =>
        pattern.StartsWith(root + "/", StringComparison.Ordinal) ? pattern[(root.Length + 1)..] : pattern.TrimStart('/');
}
