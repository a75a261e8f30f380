using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Rollout.Targets;

/// <summary>One container reached through its engine's API: the archive API for files, exec for commands, its image's files through <see cref="ImageTree"/>.</summary>
internal sealed class DockerTargetAccess(DockerEngine engine, string containerId, ImageTree baked) : ITargetAccess
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

    public async Task<byte[]?> ReadImageFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        // The image the container was created from, by id: its tag may name another image by now.
        var image = (await engine.Client.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false)).Image;
        return (await baked.ReadAsync(engine, image, path, cancellationToken).ConfigureAwait(false)).Tar;
    }

    public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        engine.ExecAsync(containerId, command, cancellationToken: cancellationToken);
}
