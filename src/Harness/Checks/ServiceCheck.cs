namespace InfraTests.Harness.Checks;

/// <summary>
/// One entry of a service's checks file: a name that must be listed (optionally in one zone, with one reason) or must stay
/// clean; or, for a web service, a GET and what it must answer (<see cref="Http"/>), or a port that must accept a
/// connection (<see cref="Tcp"/>).
/// </summary>
/// <param name="Name">The host name or IP address asked about; for an HTTP check its path, for a TCP check its port.</param>
/// <param name="MustBeListed">True: must be blocked (listed, not whitelisted); false: must not be blocked.</param>
/// <param name="Zone">The blocklist zone it must be listed in, or null for any of the image's blocklist zones.</param>
/// <param name="Reason">The TXT reason it must be listed with, or null for any.</param>
/// <param name="Line">The line of the checks file it came from.</param>
public sealed record ServiceCheck(string Name, bool MustBeListed, string? Zone, string? Reason, int Line)
{
    /// <summary>The GET and its expected answer, for an <c>http:</c> entry; null for the others.</summary>
    public HttpCheck? Http { get; init; }

    /// <summary>The port that must accept a connection, for a <c>tcp:</c> entry; null for the others.</summary>
    public TcpCheck? Tcp { get; init; }

    /// <summary>The zone that must be served signed, for a <c>signed:</c> entry; null for the others.</summary>
    public SignedCheck? Signed { get; init; }

    /// <summary>The zone whose serial must be its primary's, for a <c>consistent:</c> entry; null for the others.</summary>
    public SerialCheck? Serial { get; init; }

    /// <summary>What the check asks: <c>dns</c> (a <c>consistent:</c> entry too), <c>http</c>, <c>tcp</c> or <c>dnssec</c> (a <c>signed:</c> entry).</summary>
    public string Protocol => Http is not null ? "http" : Tcp is not null ? "tcp" : Signed is not null ? "dnssec" : "dns";

    /// <summary>An <c>http:</c> entry read from line <paramref name="line"/>.</summary>
    public static ServiceCheck Of(HttpCheck http, int line) => new(http?.Path ?? throw new ArgumentNullException(nameof(http)), false, null, null, line) { Http = http };

    /// <summary>A <c>tcp:</c> entry read from line <paramref name="line"/>.</summary>
    public static ServiceCheck Of(TcpCheck tcp, int line) =>
        new($"{tcp?.Port ?? throw new ArgumentNullException(nameof(tcp))}/tcp", false, null, null, line) { Tcp = tcp };

    /// <summary>A <c>signed:</c> entry read from line <paramref name="line"/>.</summary>
    public static ServiceCheck Of(SignedCheck signed, int line) => new(signed?.Zone ?? throw new ArgumentNullException(nameof(signed)), false, null, null, line) { Signed = signed };

    /// <summary>A <c>consistent:</c> entry read from line <paramref name="line"/>.</summary>
    public static ServiceCheck Of(SerialCheck serial, int line) =>
        new(serial?.Zone ?? throw new ArgumentNullException(nameof(serial)), false, null, null, line) { Serial = serial };

    /// <summary>The expectation as a sentence, e.g. <c>sh8.mailingliststart.com listed in senderhost.bl.rbl</c> or <c>GET /dns/ answers 200</c>.</summary>
    public override string ToString() => Http?.ToString() ?? Tcp?.ToString() ?? Signed?.ToString() ?? Serial?.ToString() ?? (MustBeListed
        ? $"{Name} listed{(Zone is null ? string.Empty : $" in {Zone}")}{(Reason is null ? string.Empty : $" with \"{Reason}\"")}"
        : $"{Name} clean");
}
