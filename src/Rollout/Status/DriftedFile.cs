namespace InfraTests.Rollout.Status;

/// <summary>One file of a host's SERVICE_ROOT that differs from what it is compared with.</summary>
/// <param name="Path">Relative to SERVICE_ROOT.</param>
/// <param name="Change">Added, removed or changed on the host.</param>
public sealed record DriftedFile(string Path, FileChange Change);
