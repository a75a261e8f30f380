using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Rollout.Targets;

/// <summary>One container reached through its engine's API: the archive API for files, exec for commands.</summary>
internal sealed class DockerTargetAccess(IDockerClient client, string containerId) : ITargetAccess
{
    public async Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        var response = await client.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, statOnly: false, cancellationToken).ConfigureAwait(false);
        await using var stream = response.Stream ?? Stream.Null;
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes.ToArray();
    }

    public async Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(tar, writable: false);
        await client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = path }, stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (stdout, stderr, exitCode) = await StreamedOutput.ExecAsync(client, containerId, command.ToList(), StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
        return new CommandResult(string.Join(' ', command), exitCode, stdout, stderr, clock.Elapsed);
    }
}
