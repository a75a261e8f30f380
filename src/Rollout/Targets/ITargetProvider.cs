namespace InfraTests.Rollout.Targets;

/// <summary>
/// Finds a rollout's targets and runs commands in them: the seam where a fleet that outgrows Docker endpoints plugs in
/// (an orchestrator's provider: pods by label, exec through its API). Built: <see cref="DockerTargetProvider"/> (containers on
/// Docker engines) and <see cref="SwarmTargetProvider"/> (a Swarm service's running tasks, each on its node's engine).
/// </summary>
public interface ITargetProvider
{
    /// <summary>Every running target the selector picks, in a stable order (endpoint as given, then name).</summary>
    Task<IReadOnlyList<RolloutTarget>> FindAsync(TargetSelector selector, CancellationToken cancellationToken = default);

    /// <summary>The access to one target: files in and out, commands, for the rollout's steps.</summary>
    ITargetAccess Open(RolloutTarget target);
}
