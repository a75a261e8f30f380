namespace InfraTests.Harness.Images;

/// <summary>
/// What an image says about itself through its ENV and EXPOSE (see docs/contract.md): where the working tree belongs,
/// how to update and validate the running service, its one-shot test mode, the ports it answers on and how it is
/// known to be ready (a DNS question by default, or its <c>READY_CHECK</c>).
/// </summary>
public sealed record ImageContract
{
    /// <summary>The ENV names every service image must set.</summary>
    public static readonly IReadOnlyList<string> RequiredVariables = ["SERVICE_ROOT", "UPDATE_METHOD", "VALIDATE_METHOD"];

    /// <summary>Where the service's working tree belongs inside the container (<c>SERVICE_ROOT</c>).</summary>
    public required string ServiceRoot { get; init; }

    /// <summary>The command that makes the running daemon serve the data now on disk (<c>UPDATE_METHOD</c>).</summary>
    public required string UpdateMethod { get; init; }

    /// <summary>The command that checks the data with the daemon's own parser (<c>VALIDATE_METHOD</c>).</summary>
    public required string ValidateMethod { get; init; }

    /// <summary>The one-shot test mode command (<c>TEST_METHOD</c>), or null when the image has none.</summary>
    public string? TestMethod { get; init; }

    /// <summary>The command that exits 0 once the daemon serves its data (<c>READY_METHOD</c>), or null when a first DNS answer is enough.</summary>
    public string? ReadyMethod { get; init; }

    /// <summary>
    /// The health check of the running daemon (<c>MONITOR_METHOD</c>), a Nagios plugin run with <c>docker exec</c>, or null
    /// when the image has none. Use it to ask whether a running service answers right (exit 0 OK, 1 WARNING, 2 CRITICAL).
    /// </summary>
    public string? MonitorMethod { get; init; }

    /// <summary>The command that prints the daemon version (<c>VERSION_METHOD</c>), for daemons that hide <c>version.bind</c>.</summary>
    public string? VersionMethod { get; init; }

    /// <summary>The zones a mail server asks to block (<c>BLOCKLIST_ZONES</c>), empty for services that are not blocklists.</summary>
    public IReadOnlyList<string> BlocklistZones { get; init; } = [];

    /// <summary>The zones that exempt a host (<c>WHITELIST_ZONES</c>).</summary>
    public IReadOnlyList<string> WhitelistZones { get; init; } = [];

    /// <summary>
    /// The ports the service answers on (<c>SERVICE_PORTS</c>, e.g. <c>80/tcp</c>), each published on 127.0.0.1 by a test;
    /// empty when the image does not declare them (a DNS image publishes its DNS port).
    /// </summary>
    public IReadOnlyList<ExposedPort> ServicePorts { get; init; } = [];

    /// <summary>
    /// The question that proves the service ready (<c>READY_CHECK</c>): an HTTP GET answered 2xx or a TCP connect; null for
    /// a DNS service, which is ready when it answers DNS.
    /// </summary>
    public ReadyCheck? ReadyCheck { get; init; }

    /// <summary>True when the service is asked DNS (no <c>READY_CHECK</c>): its DNS port is published and questioned.</summary>
    public bool AnswersDns => ReadyCheck is null;

    /// <summary>The ports the image exposes.</summary>
    public required IReadOnlyList<ExposedPort> Ports { get; init; }

    /// <summary>The image's whole ENV, as the image sets it.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The DNS port: port 53 when exposed, otherwise the first exposed UDP port.</summary>
    public int DnsPort => Ports.FirstOrDefault(p => p.Port == 53)?.Port
        ?? Ports.FirstOrDefault(p => p.Protocol == "udp")?.Port
        ?? ServicePorts.FirstOrDefault(p => p.Port == 53)?.Port
        ?? ServicePorts.FirstOrDefault(p => p.Protocol == "udp")?.Port
        ?? throw new InvalidOperationException($"the image answers no DNS: it declares SERVICE_PORTS=\"{string.Join(' ', ServicePorts)}\" and READY_CHECK={ReadyCheck}");

    /// <summary>True when the image exposes its DNS port over TCP as well as UDP.</summary>
    public bool ServesTcp => Ports.Concat(ServicePorts).Any(p => p.Port == DnsPort && p.Protocol == "tcp");

    /// <summary>
    /// Reads the contract from an image's ENV and exposed ports. Throws <see cref="ImageContractException"/> naming every
    /// missing piece at once, so the Dockerfile can be fixed in one go, or the first <c>SERVICE_PORTS</c> or
    /// <c>READY_CHECK</c> it cannot read. A DNS port (53, or one over UDP) is required only of an image that has no
    /// <c>READY_CHECK</c>: it is ready when it answers DNS there.
    /// </summary>
    public static ImageContract Read(string imageReference, IEnumerable<string>? env, IEnumerable<string>? exposedPorts)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in env ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        var ports = (exposedPorts ?? []).Select(ExposedPort.Parse).OrderBy(p => p.Port).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToList();
        var missing = RequiredVariables.Where(name => string.IsNullOrWhiteSpace(environment.GetValueOrDefault(name))).Select(name => $"ENV {name}").ToList();
        var servicePorts = ContractValues.ServicePorts(imageReference, environment.GetValueOrDefault("SERVICE_PORTS"));
        var readyCheck = ContractValues.ReadyCheck(imageReference, environment.GetValueOrDefault("READY_CHECK"), servicePorts ?? ports);
        if (readyCheck is null && !(servicePorts ?? ports).Any(p => p.Port == 53 || p.Protocol == "udp"))
        {
            missing.Add(servicePorts is null
                ? "EXPOSE of a DNS port (e.g. EXPOSE 53/udp)"
                : "ENV READY_CHECK");
        }

        if (missing.Count > 0)
        {
            throw new ImageContractException(imageReference, missing);
        }

        return new ImageContract
        {
            ServiceRoot = environment["SERVICE_ROOT"],
            UpdateMethod = environment["UPDATE_METHOD"],
            ValidateMethod = environment["VALIDATE_METHOD"],
            TestMethod = Optional(environment, "TEST_METHOD"),
            VersionMethod = Optional(environment, "VERSION_METHOD"),
            ReadyMethod = Optional(environment, "READY_METHOD"),
            MonitorMethod = Optional(environment, "MONITOR_METHOD"),
            BlocklistZones = Words(environment.GetValueOrDefault("BLOCKLIST_ZONES")),
            WhitelistZones = Words(environment.GetValueOrDefault("WHITELIST_ZONES")),
            Ports = ports,
            ServicePorts = servicePorts ?? [],
            ReadyCheck = readyCheck,
            Environment = environment,
        };
    }

    private static string? Optional(Dictionary<string, string> environment, string name) =>
        environment.GetValueOrDefault(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string[] Words(string? text) => (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
