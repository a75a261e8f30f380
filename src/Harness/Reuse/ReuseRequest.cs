using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>What a start asks of a <see cref="ReuseSlot"/>: the container to find or create, and where to say what happens.</summary>
/// <param name="Service">The service's name, from its description.</param>
/// <param name="Spec">What the container is created from.</param>
/// <param name="Key">Its reuse key and slot.</param>
/// <param name="Policy">Its idle expiry and who asked for reuse.</param>
/// <param name="Labels">Every label of a fresh container, reuse labels included.</param>
/// <param name="StartingLine">The progress line for starting a fresh container.</param>
/// <param name="ReadyTimeout">How long a fresh container may take to answer; the slot lock waits this long and a minute more.</param>
/// <param name="Progress">Where progress lines go.</param>
/// <param name="ReplaceReason">Set to replace the container of this key whatever its state (its update failed), with this reason.</param>
internal sealed record ReuseRequest(
    string Service,
    ContainerSpec Spec,
    ReuseKey Key,
    ReusePolicy Policy,
    IReadOnlyDictionary<string, string> Labels,
    string StartingLine,
    TimeSpan ReadyTimeout,
    IProgress<string> Progress,
    string? ReplaceReason = null)
{
    /// <summary>The container's deterministic name.</summary>
    public string Name => Key.ContainerName(Service);
}
