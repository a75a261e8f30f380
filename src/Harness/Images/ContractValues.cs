using System.Globalization;

namespace InfraTests.Harness.Images;

/// <summary>
/// Reads the generic part of the contract, <c>SERVICE_PORTS</c> and <c>READY_CHECK</c>; a value it cannot read is an
/// <see cref="ImageContractException"/> naming the image, the variable, the value and what to write instead.
/// </summary>
internal static class ContractValues
{
    /// <summary>The ports of <c>SERVICE_PORTS="80/tcp 53/udp"</c>, in the order written; null when the image does not declare them.</summary>
    public static IReadOnlyList<ExposedPort>? ServicePorts(string image, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ports = new List<ExposedPort>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = word.Split('/');
            if (parts.Length != 2)
            {
                throw Bad(image, "SERVICE_PORTS", text, $"'{word}' does not say its protocol: write each port as PORT/PROTO, e.g. SERVICE_PORTS=\"{PortOnly(word)}/tcp\"");
            }

            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                throw Bad(image, "SERVICE_PORTS", text, $"'{parts[0]}' is not a port: give a number from 1 to 65535, e.g. SERVICE_PORTS=\"80/tcp\"");
            }

            var protocol = parts[1].ToLowerInvariant();
            if (protocol is not ("tcp" or "udp"))
            {
                throw Bad(image, "SERVICE_PORTS", text, $"'{parts[1]}' is not a protocol Docker publishes: write {number}/tcp or {number}/udp");
            }

            var port = new ExposedPort(number, protocol);
            if (ports.Contains(port))
            {
                throw Bad(image, "SERVICE_PORTS", text, $"{port} is named twice: name each port once");
            }

            ports.Add(port);
        }

        return ports;
    }

    /// <summary>The check of <c>READY_CHECK</c>, whose port must be one of <paramref name="ports"/> over TCP; null when the image sets none.</summary>
    public static ReadyCheck? ReadyCheck(string image, string? text, IReadOnlyList<ExposedPort> ports)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var example = ports.FirstOrDefault(p => p.Protocol == "tcp")?.Port ?? 80;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "tcp"))
        {
            throw Bad(image, "READY_CHECK", text, $"it is neither an http:// URL nor a tcp:// address: write READY_CHECK=\"http://127.0.0.1:{example}/\" (a GET answered 2xx) or \"tcp://127.0.0.1:{example}\" (a connect), or leave it unset for a DNS question");
        }

        if (uri.Host is not ("127.0.0.1" or "localhost"))
        {
            throw Bad(image, "READY_CHECK", text, $"it asks {uri.Host}, but the check is asked through the published port on 127.0.0.1: write {uri.Scheme}://127.0.0.1:{PortOf(uri, example)}{(uri.Scheme == "http" ? uri.PathAndQuery : string.Empty)}");
        }

        if (uri.Port < 1)
        {
            throw Bad(image, "READY_CHECK", text, $"it names no port: write {uri.Scheme}://127.0.0.1:{example}{(uri.Scheme == "http" ? uri.PathAndQuery : string.Empty)}");
        }

        if (!ports.Contains(new ExposedPort(uri.Port, "tcp")))
        {
            var declared = ports.Count == 0 ? "no port" : string.Join(' ', ports);
            throw Bad(image, "READY_CHECK", text, $"it asks port {uri.Port}/tcp, but the service declares {declared}: add {uri.Port}/tcp to SERVICE_PORTS, or ask one of its TCP ports");
        }

        if (uri.Scheme == "tcp" && uri.PathAndQuery is not ("/" or ""))
        {
            throw Bad(image, "READY_CHECK", text, $"a TCP check only connects: write tcp://127.0.0.1:{uri.Port}");
        }

        return uri.Scheme == "http" ? new ReadyCheck("http", uri.Port, uri.PathAndQuery) : new ReadyCheck("tcp", uri.Port, string.Empty);
    }

    private static int PortOf(Uri uri, int example) => uri.Port > 0 ? uri.Port : example;

    private static string PortOnly(string word) => word.Split('/')[0] is { Length: > 0 } port ? port : "80";

    private static ImageContractException Bad(string image, string variable, string value, string instead) => new(image, variable, value, instead);
}
