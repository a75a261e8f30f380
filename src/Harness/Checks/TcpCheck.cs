namespace InfraTests.Harness.Checks;

/// <summary>A container port that must accept a TCP connection (a <c>tcp:</c> entry of the checks file).</summary>
/// <param name="Port">The container port, one of the image's <c>SERVICE_PORTS</c>: <c>80</c>.</param>
public sealed record TcpCheck(int Port)
{
    /// <summary>The expectation as a sentence: <c>port 80/tcp accepts a connection</c>.</summary>
    public override string ToString() => $"port {Port}/tcp accepts a connection";
}
