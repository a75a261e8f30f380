using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Health;

/// <summary>
/// The doctor's look at the service's ports (the DNS port, or SERVICE_PORTS): the image started once with its baked data,
/// its ports published by the engine on 127.0.0.1 only (read back from the engine, not assumed) and the daemon answering
/// there (DNS, or its READY_CHECK); then removed.
/// </summary>
internal static class PortFindings
{
    /// <summary>Adds the <c>ports</c> finding.</summary>
    public static async Task ExamineAsync(List<Finding> findings, ServiceBuilder builder, ImageContract contract, CancellationToken cancellationToken)
    {
        var port = contract.AnswersDns ? $"{contract.DnsPort}/udp" : string.Join(' ', contract.ServicePorts);
        try
        {
            await using var service = await builder.Build().StartAsync(cancellationToken).ConfigureAwait(false);
            var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var inspected = await engine.Client.Containers.InspectContainerAsync(service.Id, cancellationToken).ConfigureAwait(false);
            var bindings = (inspected.NetworkSettings?.Ports ?? new Dictionary<string, IList<Docker.DotNet.Models.PortBinding>>())
                .Where(p => p.Value is not null)
                .SelectMany(p => p.Value.Select(b => (Port: p.Key, b.HostIP, b.HostPort)))
                .ToList();
            var outside = bindings.Where(b => b.HostIP != "127.0.0.1").ToList();
            var published = string.Join(", ", bindings.Select(b => $"{b.Port} on {b.HostIP}:{b.HostPort}"));
            findings.Add(outside.Count == 0
                ? new Finding("ports", FindingMark.Ok, $"{published}, loopback only; {service.Tested.DaemonVersion} answered there (baked data)")
                : new Finding("ports", FindingMark.Blocker, $"the engine published {string.Join(", ", outside.Select(b => $"{b.Port} on {b.HostIP}:{b.HostPort}"))}, beyond 127.0.0.1", "report it: InfraTests asks for 127.0.0.1 only, and this engine ignored that"));
        }
        catch (InfraTestsException exception)
        {
            findings.Add(new Finding("ports", FindingMark.Blocker, $"{port}: {exception.Message}"));
        }
    }
}
