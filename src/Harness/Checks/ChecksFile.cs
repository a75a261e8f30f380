using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Checks;

/// <summary>
/// A service repo's <c>infratests.checks.yaml</c>: the names that must be listed (with their reasons) and the names that
/// must stay clean. <c>infratests watch</c> asks them on every save; a rollout probes with them.
/// </summary>
/// <example>
/// <code>
/// listed:
///   - name: sh8.mailingliststart.com
///     zone: senderhost.bl.rbl
///     reason: Excessive spam from this host
/// clean:
///   - news.mailingliststart.com
/// </code>
/// </example>
public sealed class ChecksFile
{
    /// <summary>The file name InfraTests looks for in a service root.</summary>
    public const string FileName = "infratests.checks.yaml";

    private ChecksFile(string path, IReadOnlyList<ServiceCheck> checks)
    {
        Path = path;
        Checks = checks;
    }

    /// <summary>The file the checks were read from.</summary>
    public string Path { get; }

    /// <summary>Every check, listed ones first, in file order.</summary>
    public IReadOnlyList<ServiceCheck> Checks { get; }

    /// <summary>Checks given another way (on a command line, by a rollout): <paramref name="path"/> names where they came from.</summary>
    public static ChecksFile Of(string path, IEnumerable<ServiceCheck> checks) => new(path, checks.ToList());

    /// <summary>Reads the checks file of <paramref name="serviceRoot"/>; a missing or malformed file is one line naming file, line and column.</summary>
    public static ChecksFile Load(string serviceRoot)
    {
        var path = System.IO.Path.Combine(serviceRoot, FileName);
        var yaml = YamlFile.Read(path);
        if (!yaml.Exists)
        {
            throw new InfraTestsException($"{path}: no checks file: create {FileName} with `listed:` and `clean:` lists of names (see docs/cli.md, 'watch').");
        }

        return From(yaml);
    }

    /// <summary>Parses checks file text; <paramref name="path"/> is used in messages only.</summary>
    public static ChecksFile Parse(string text, string path) => From(YamlFile.Parse(text, path));

    /// <summary>Asks the daemon behind <paramref name="endpoint"/> every check, all at once, in the zones <paramref name="contract"/> declares.</summary>
    public async Task<IReadOnlyList<CheckVerdict>> RunAsync(DnsEndpoint endpoint, ImageContract contract, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Checks.Select(c => RunOneAsync(c, endpoint, contract, cancellationToken))).ConfigureAwait(false);

    private static async Task<CheckVerdict> RunOneAsync(ServiceCheck check, DnsEndpoint endpoint, ImageContract contract, CancellationToken cancellationToken)
    {
        var zones = check.Zone is null ? contract.BlocklistZones : [check.Zone];
        var host = await HostCheck.RunAsync(endpoint, zones, contract.WhitelistZones, check.Name, cancellationToken).ConfigureAwait(false);
        var listedIn = host.Blocklisted.Where(a => a.IsListed).ToList();
        var answered = listedIn.Count == 0
            ? "not listed"
            : string.Join("; ", listedIn.Select(a => $"listed in {a.Zone} as {a.Address} with \"{a.Reason}\""));
        if (host.IsWhitelisted)
        {
            answered += $"; whitelisted in {string.Join(", ", host.Whitelisted.Where(a => a.IsListed).Select(a => a.Zone))}";
        }

        var passed = check.MustBeListed
            ? host.IsBlocked && (check.Reason is null || listedIn.Any(a => a.Reason == check.Reason))
            : !host.IsBlocked;
        return new CheckVerdict(check, passed, answered);
    }

    private static ChecksFile From(YamlFile yaml)
    {
        if (yaml.Problem is { } problem)
        {
            throw new InfraTestsException(problem.ToString());
        }

        if (yaml.Root is not YamlMappingNode root)
        {
            throw new InfraTestsException($"{yaml.Top}: expected `listed:` and/or `clean:` lists of names.");
        }

        var checks = new List<ServiceCheck>();
        foreach (var (key, value) in root.Children)
        {
            var section = (key as YamlScalarNode)?.Value;
            if (section is not ("listed" or "clean") || value is not YamlSequenceNode entries)
            {
                throw new InfraTestsException($"{yaml.At(key)}: expected `listed:` or `clean:` followed by a list of names.");
            }

            checks.AddRange(entries.Children.Select(entry => Entry(entry, section == "listed", yaml)));
        }

        return checks.Count > 0 ? new ChecksFile(yaml.Name, checks) : throw new InfraTestsException($"{yaml.Top}: no checks: list names under `listed:` or `clean:`.");
    }

    private static ServiceCheck Entry(YamlNode entry, bool listed, YamlFile yaml) => entry switch
    {
        YamlScalarNode { Value: { Length: > 0 } name } => new ServiceCheck(name, listed, null, null, yaml.At(entry).Line),
        YamlMappingNode fields when Field(fields, "name") is { } name => new ServiceCheck(name, listed, Field(fields, "zone"), Field(fields, "reason"), yaml.At(entry).Line),
        _ => throw new InfraTestsException($"{yaml.At(entry)}: each check is a name, or `name:` with optional `zone:` and `reason:`."),
    };

    private static string? Field(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
