using System.Net;

namespace InfraTests.Harness.Services;

/// <summary>
/// How a start knows its daemon serves: a real question of the service's own protocol, asked until it is answered, then
/// the image's <c>READY_METHOD</c> when it has one. A small strategy, so that a service of another protocol brings its own.
/// </summary>
internal interface IReadinessProbe
{
    /// <summary>
    /// Waits until the daemon in <paramref name="service"/> answers at <paramref name="endpoint"/>, and returns the version
    /// it gives of itself; fails with the daemon's last log lines when it exits or does not answer in time.
    /// </summary>
    Task<string> WaitAsync(ServiceContainer service, IPEndPoint endpoint, CancellationToken cancellationToken);
}
