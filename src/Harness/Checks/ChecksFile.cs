using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Checks;

/// <summary>
/// A service repo's <c>infratests.checks.yaml</c>: for a blocklist, the names that must be listed (with their reasons) and
/// the names that must stay clean; for a web service, the GETs and what they must answer (<c>http:</c>) and the ports that
/// must accept a connection (<c>tcp:</c>); for a signed zone, how long its signatures must stay valid (<c>signed:</c>).
/// <c>infratests watch</c> asks them on every save; a rollout probes with them.
/// </summary>
/// <example>
/// <code>
/// listed:
///   - name: sh8.mailingliststart.com
///     zone: senderhost.bl.rbl
///     reason: Excessive spam from this host
/// clean:
///   - news.mailingliststart.com
/// http:
///   - path: /dns/
///     status: 200
///     title: DNS
/// tcp:
///   - port: 80
/// signed:
///   - zone: example.net
///     valid-for: 7d
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

    /// <summary>Every check, section by section, in file order.</summary>
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
            throw new InfraTestsException($"{path}: no checks file: create {FileName} with `listed:` and `clean:` lists of names, or `http:` and `tcp:` checks (see docs/cli.md, 'watch').");
        }

        return From(yaml);
    }

    /// <summary>Parses checks file text; <paramref name="path"/> is used in messages only.</summary>
    public static ChecksFile Parse(string text, string path) => From(YamlFile.Parse(text, path));

    /// <summary>Asks the daemon behind <paramref name="endpoint"/> every check, all at once, in the zones <paramref name="contract"/> declares.</summary>
    public Task<IReadOnlyList<CheckVerdict>> RunAsync(DnsEndpoint endpoint, ImageContract contract, CancellationToken cancellationToken = default) =>
        RunAsync(new ServiceEndpoints { Contract = contract, Dns = endpoint }, cancellationToken);

    /// <summary>
    /// Asks the service every check, all at once: DNS checks of its DNS port, HTTP checks of its HTTP port, TCP checks by a
    /// connection. A check the service cannot be asked (an HTTP check of a blocklist) fails, saying why.
    /// </summary>
    public async Task<IReadOnlyList<CheckVerdict>> RunAsync(ServiceEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return await Task.WhenAll(Checks.Select(c => c switch
        {
            { Http: { } http } => HttpCheckRun.RunAsync(c, http, endpoints.Http, cancellationToken),
            { Tcp: { } tcp } => TcpCheckRun.RunAsync(c, tcp, endpoints.TcpPorts, endpoints.TcpSettle, cancellationToken),
            { Serial: { } serial } when endpoints.Dns is { } dns => SerialCheckRun.RunAsync(c, serial, dns, cancellationToken),
            { Signed: { } signed } when endpoints.Dns is { } dns && endpoints.Inside is { } inside => SignedCheckRun.RunAsync(c, signed, dns, inside, cancellationToken),
            { Signed: not null } => Task.FromResult(new CheckVerdict(c, false, "nothing: a signed check needs the service's DNS port and a way to run delv inside its container")),
            _ when endpoints.Dns is { } dns => RunOneAsync(c, dns, endpoints.Contract, cancellationToken),
            _ => Task.FromResult(new CheckVerdict(c, false, "nothing: the service is not asked DNS (its image has a READY_CHECK, docs/contract.md)")),
        })).ConfigureAwait(false);
    }

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
            throw new InfraTestsException($"{yaml.Top}: expected `listed:` and/or `clean:` lists of names, or `http:` and/or `tcp:` lists of checks.");
        }

        var checks = new List<ServiceCheck>();
        foreach (var (key, value) in root.Children)
        {
            var section = (key as YamlScalarNode)?.Value;
            if (section is not ("listed" or "clean" or "http" or "tcp" or "signed" or "consistent") || value is not YamlSequenceNode entries)
            {
                throw new InfraTestsException($"{yaml.At(key)}: expected `listed:` or `clean:` followed by a list of names, or `http:`, `tcp:`, `signed:` or `consistent:` followed by a list of checks.");
            }

            checks.AddRange(entries.Children.Select(entry => section switch
            {
                "http" => WebChecks.Http(entry, yaml),
                "tcp" => WebChecks.Tcp(entry, yaml),
                "signed" => SignedChecks.Read(entry, yaml),
                "consistent" => SerialChecks.Entry(entry, yaml),
                _ => Entry(entry, section == "listed", yaml),
            }));
        }

        return checks.Count > 0 ? new ChecksFile(yaml.Name, checks) : throw new InfraTestsException($"{yaml.Top}: no checks: list names under `listed:` or `clean:`, or checks under `http:` or `tcp:`.");
    }

    private static ServiceCheck Entry(YamlNode entry, bool listed, YamlFile yaml) => entry switch
    {
        YamlScalarNode { Value: { Length: > 0 } name } => new ServiceCheck(Address(name, entry, yaml), listed, null, null, yaml.At(entry).Line),
        YamlMappingNode fields when Field(fields, "name") is { } name => new ServiceCheck(Address(name, entry, yaml), listed, Field(fields, "zone"), Field(fields, "reason"), yaml.At(entry).Line),
        _ => throw new InfraTestsException($"{yaml.At(entry)}: each check is a name, or `name:` with optional `zone:` and `reason:`."),
    };

    // A name with a colon can only be meant as an IPv6 address: one that cannot be read is refused here, not asked as a name.
    private static string Address(string name, YamlNode entry, YamlFile yaml) =>
        name.Contains(':', StringComparison.Ordinal) && Corpus.Problem(name.Trim()) is { } problem
            ? throw new InfraTestsException($"{yaml.At(entry)}: {problem}.")
            : name;

    private static string? Field(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
