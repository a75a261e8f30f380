namespace InfraTests.Harness.Images;

/// <summary>
/// The question that proves a service is ready (<c>READY_CHECK</c>, docs/contract.md): an HTTP GET that must answer 2xx,
/// or a TCP connect, asked through the port the service's container port is published on. An image without one is ready
/// when it answers a DNS question, as the DNS samples are.
/// </summary>
/// <param name="Protocol"><c>http</c> or <c>tcp</c>.</param>
/// <param name="Port">The container port asked; one of the image's <c>SERVICE_PORTS</c> over TCP.</param>
/// <param name="Path">The path an HTTP check asks, starting with <c>/</c>; empty for TCP.</param>
public sealed record ReadyCheck(string Protocol, int Port, string Path)
{
    /// <summary>True for an HTTP check (a GET answered 2xx); false for a TCP connect.</summary>
    public bool IsHttp => Protocol == "http";

    /// <summary>The check as the image writes it: <c>http://127.0.0.1:80/</c>, <c>tcp://127.0.0.1:6379</c>.</summary>
    public override string ToString() => IsHttp ? $"http://127.0.0.1:{Port}{Path}" : $"tcp://127.0.0.1:{Port}";
}
