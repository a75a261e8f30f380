using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// What a rollout does to one target, nothing more: read a folder as a tar, write a tar into a folder, run a command.
/// Through the engine's (or orchestrator's) API, so nothing inside the container needs network access.
/// </summary>
public interface ITargetAccess
{
    /// <summary>The folder <paramref name="path"/> inside the target as a tar whose entries start with the folder's own name.</summary>
    Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Extracts <paramref name="tar"/> into the folder <paramref name="path"/> inside the target.</summary>
    Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default);

    /// <summary>
    /// The folder <paramref name="path"/> as the image the target was created from bakes it (a tar like
    /// <see cref="ReadFolderAsync"/>'s), read without running anything: what a rollout compares a revision with to tell data
    /// from code. Null when this access cannot tell; a rollout then sends code only when the operator asks for it.
    /// </summary>
    Task<byte[]?> ReadImageFolderAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);

    /// <summary>Runs <paramref name="command"/> (split on spaces, no shell) and returns its exit code and words.</summary>
    Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default);
}
