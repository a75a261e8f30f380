using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Rollout.Targets;

/// <summary>One container reached through its engine's API: the archive API for files, exec for commands.</summary>
internal sealed class DockerTargetAccess(DockerEngine engine, string containerId) : ITargetAccess
{
    public async Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        var response = await engine.Client.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, statOnly: false, cancellationToken).ConfigureAwait(false);
        await using var stream = response.Stream ?? Stream.Null;
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes.ToArray();
    }

    public async Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(tar, writable: false);
        await engine.Client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = path }, stream, cancellationToken).ConfigureAwait(false);
    }

    public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        engine.ExecAsync(containerId, command, cancellationToken: cancellationToken);
}
