using System.Collections.Concurrent;
using System.Net;
using InfraTests.Harness.Images;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A target provider in memory: hosts <c>host1</c>… on one engine <c>dc1</c>, each with a <see cref="FakeTargetAccess"/>,
/// found in order. Records which targets a rollout opened.
/// </summary>
internal sealed class FakeFleet(IReadOnlyList<(RolloutTarget Target, FakeTargetAccess Access)> hosts) : ITargetProvider
{
    /// <summary>The engine every fake host runs on.</summary>
    public static readonly TargetEndpoint Engine = new("dc1", new Uri("unix:///run/dc1.sock"));

    private readonly ConcurrentQueue<string> opened = new();
    private readonly Dictionary<string, FakeTargetAccess> byContainer = hosts.ToDictionary(h => h.Target.ContainerId, h => h.Access, StringComparer.Ordinal);

    /// <summary>The targets, in the order they are found.</summary>
    public IReadOnlyList<RolloutTarget> Targets => hosts.Select(h => h.Target).ToList();

    /// <summary>The labels of the targets opened so far, in the order they were opened.</summary>
    public IReadOnlyCollection<string> Opened => opened;

    /// <summary>The access of host <paramref name="number"/>, counted from 1.</summary>
    public FakeTargetAccess this[int number] => hosts[number - 1].Access;

    /// <summary><paramref name="count"/> hosts with the contract of samples/rbldnsd, each holding <paramref name="files"/> under /service.</summary>
    public static FakeFleet Of(int count, IReadOnlyDictionary<string, string> files) =>
        new([.. Enumerable.Range(1, count).Select(n => (Target($"host{n}"), new FakeTargetAccess("/service", files)))]);

    /// <summary>A target named <paramref name="name"/> with <paramref name="contract"/> (samples/rbldnsd's when not given).</summary>
    public static RolloutTarget Target(string name, ImageContract? contract = null, string? contractProblem = null, IPEndPoint? dns = null) =>
        new(Engine, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))), name, "rbldnsd:prod",
            contractProblem is null ? contract ?? Contract() : null, contractProblem, new TargetProbe(dns, dns is null ? "its DNS port 53/udp is not published" : "published port, on this machine"));

    /// <summary>The contract of samples/rbldnsd, as a container's ENV and exposed ports give it.</summary>
    public static ImageContract Contract(string serviceRoot = "/service") => ImageContract.Read(
        "container",
        [$"SERVICE_ROOT={serviceRoot}", $"UPDATE_METHOD={serviceRoot}/bin/update.sh", $"VALIDATE_METHOD={serviceRoot}/bin/validate.sh", "BLOCKLIST_ZONES=senderhost.bl.rbl"],
        ["53/udp"]);

    public Task<IReadOnlyList<RolloutTarget>> FindAsync(TargetSelector selector, CancellationToken cancellationToken = default) => Task.FromResult(Targets);

    public ITargetAccess Open(RolloutTarget target)
    {
        opened.Enqueue(target.Label);
        return byContainer[target.ContainerId]; // by id, not a scan: bench/fleet-scale.sh opens 10,000 of them
    }
}
