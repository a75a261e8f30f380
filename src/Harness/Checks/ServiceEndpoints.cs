using System.Net;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Where a service's checks are asked: its DNS port (a blocklist), its HTTP port (a web service) and the address each of
/// its TCP ports is reached at. Take a started container's with <see cref="Of"/>; a rollout builds one per host.
/// </summary>
public sealed record ServiceEndpoints
{
    /// <summary>The image's contract: the zones a DNS check asks, the ports a TCP check may name.</summary>
    public required ImageContract Contract { get; init; }

    /// <summary>The DNS port, or null for a service that is not asked DNS.</summary>
    public DnsEndpoint? Dns { get; init; }

    /// <summary>The HTTP port, or null for a service that is not asked HTTP.</summary>
    public HttpEndpoint? Http { get; init; }

    /// <summary>
    /// Runs a command inside the service's container (no shell): what a <c>signed:</c> check runs delv, the validator in the
    /// image, with. Null where no command can be run; a <c>signed:</c> check then fails, saying so.
    /// </summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task<CommandResult>>? Inside { get; init; }

    /// <summary>The address each container TCP port is reached at, keyed by the container port: <c>80 → 127.0.0.1:49153</c>.</summary>
    public IReadOnlyDictionary<int, IPEndPoint> TcpPorts { get; init; } = new Dictionary<int, IPEndPoint>();

    /// <summary>
    /// How long a TCP check's connection must stay open to count as the daemon's: 200 ms through Docker's port proxy (which
    /// accepts even when nothing listens behind it and then closes); longer through a relay that greets once it connected.
    /// </summary>
    public TimeSpan TcpSettle { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The endpoints of a started service: DNS or HTTP as its contract says, and every TCP port it publishes.</summary>
    public static ServiceEndpoints Of(ServiceContainer service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var contract = service.Image.Contract;
        var http = contract.ReadyCheck is { IsHttp: true } ? service.Http : null;
        var dns = contract.AnswersDns ? service.Dns : null;
        var address = http is not null ? IPAddress.Parse(http.BaseAddress.Host) : dns?.Address ?? IPAddress.Loopback;
        return new ServiceEndpoints
        {
            Contract = contract,
            Dns = dns,
            Http = http,
            Inside = service.ExecAsync,
            TcpPorts = contract.ServicePorts.Where(p => p.Protocol == "tcp").Select(p => (p.Port, HostPort: HostPort(service, p.Port)))
                .Where(p => p.HostPort is not null).ToDictionary(p => p.Port, p => new IPEndPoint(address, p.HostPort!.Value)),
        };
    }

    // A DNS service publishes its DNS port only: a TCP check of another port says it is not published.
    private static int? HostPort(ServiceContainer service, int port)
    {
        try
        {
            return service.PublishedPort(port);
        }
        catch (InfraTestsException)
        {
            return null;
        }
    }
}
