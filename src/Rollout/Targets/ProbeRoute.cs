using System.Net;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Picks the address a target's probed port (its DNS port, or a web service's <c>READY_CHECK</c> port) is asked at: on this machine's engine, a published port on loopback or a wildcard
/// (asked on 127.0.0.1), or the container's own port when it shares the host's network; on a remote engine, the host's own
/// address, when the port is published there or on a wildcard, or when the container shares the host's network. Never
/// 127.0.0.1 for a remote host: when no address reaches the port, the probe goes inside the target through the engine.
/// </summary>
internal static class ProbeRoute
{
    /// <summary>The probe for a container of the engine at <paramref name="place"/>, its DNS port <paramref name="dnsPort"/>/udp.</summary>
    public static TargetProbe Choose(EnginePlace place, bool hostNetwork, int dnsPort, IReadOnlyList<(string? HostIp, string? HostPort)> bindings) =>
        Choose(place, hostNetwork, new ExposedPort(dnsPort, "udp"), bindings);

    /// <summary>
    /// The probe for a container of the engine at <paramref name="place"/>, asked on <paramref name="probed"/>: its DNS port
    /// over UDP, or the TCP port a web service's <c>READY_CHECK</c> names; <paramref name="bindings"/> are that port's.
    /// </summary>
    public static TargetProbe Choose(EnginePlace place, bool hostNetwork, ExposedPort probed, IReadOnlyList<(string? HostIp, string? HostPort)> bindings)
    {
        var number = probed.Port;
        var named = probed.Protocol == "udp" ? $"its DNS port {probed}" : $"its port {probed}";
        var onlyNamed = probed.Protocol == "udp" ? "its DNS port" : named;
        var published = bindings
            .Where(b => int.TryParse(b.HostPort, out _))
            .Select(b => (Ip: string.IsNullOrEmpty(b.HostIp) ? IPAddress.Any : IPAddress.Parse(b.HostIp), Port: int.Parse(b.HostPort!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        static bool Wildcard(IPAddress ip) => ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);

        if (place.IsThisMachine)
        {
            if (hostNetwork)
            {
                return new TargetProbe(new IPEndPoint(IPAddress.Loopback, number), "host network, on this machine");
            }

            foreach (var (ip, port) in published)
            {
                return new TargetProbe(new IPEndPoint(Wildcard(ip) ? IPAddress.Loopback : ip, port), "published port, on this machine");
            }

            return new TargetProbe(null, $"{named} is not published");
        }

        if (place.HostAddress is not { } host)
        {
            return new TargetProbe(null, place.Why);
        }

        if (hostNetwork)
        {
            return new TargetProbe(new IPEndPoint(host, number), "host network, at the host's own address");
        }

        foreach (var (ip, port) in published.Where(p => Wildcard(p.Ip) || p.Ip.Equals(host)))
        {
            return new TargetProbe(new IPEndPoint(host, port), "published port, at the host's own address");
        }

        return new TargetProbe(null, published.Count == 0
            ? $"{named} is not published"
            : $"{onlyNamed} is published only on {string.Join(", ", published.Select(p => p.Ip).Distinct())} of {host}, which this machine cannot reach");
    }
}
