using System.Net;
using InfraTests.Harness;

namespace InfraTests.Cli.Webhook;

/// <summary>Reads <c>--listen</c>: an address and a port, <c>127.0.0.1:9000</c>, <c>[::1]:9000</c> or <c>localhost:9000</c>.</summary>
internal static class ListenAddress
{
    /// <summary>The endpoint <paramref name="text"/> names; anything else is an <see cref="InfraTestsException"/> in one line.</summary>
    public static IPEndPoint Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = "127.0.0.1" + trimmed["localhost".Length..];
        }

        // IPEndPoint reads a bare address as port 0: demand the port, so a forgotten one is not a random port.
        var hasPort = trimmed.StartsWith('[') ? trimmed.Contains("]:", StringComparison.Ordinal) : trimmed.Count(c => c == ':') == 1;
        return hasPort && IPEndPoint.TryParse(trimmed, out var endpoint)
            ? endpoint
            : throw new InfraTestsException($"--listen {text}: give an address and a port, e.g. 127.0.0.1:9000 or [::1]:9000");
    }
}
