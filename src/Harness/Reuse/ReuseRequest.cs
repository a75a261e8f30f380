using InfraTests.Harness.Services;

namespace InfraTests.Harness.Reuse;

/// <summary>What a start asks of <see cref="ReusedContainers.AcquireAsync"/>: the container to find or create, and how to talk back.</summary>
/// <param name="Service">The service's name, from its description.</param>
/// <param name="Spec">What the container is created from.</param>
/// <param name="Key">Its reuse key and slot.</param>
/// <param name="Policy">Its idle expiry and who asked for reuse.</param>
/// <param name="Labels">Every label of a fresh container, reuse labels included.</param>
/// <param name="StartingLine">The progress line for starting a fresh container.</param>
/// <param name="ReadyTimeout">How long a fresh container may take to answer; the slot lock waits this long and a minute more.</param>
/// <param name="AttachAsync">Connects the service container to a running container and waits for its first DNS answer (fresh: true for a container just started).</param>
/// <param name="Report">Progress lines.</param>
/// <param name="ReplaceReason">Set to replace the container of this key whatever its state (its update failed), with this reason.</param>
internal sealed record ReuseRequest(
    string Service,
    ContainerSpec Spec,
    ReuseKey Key,
    ReusePolicy Policy,
    IReadOnlyDictionary<string, string> Labels,
    string StartingLine,
    TimeSpan ReadyTimeout,
    Func<string, bool, CancellationToken, Task> AttachAsync,
    Action<string> Report,
    string? ReplaceReason = null);
