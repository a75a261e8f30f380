using System.Net;
using Docker.DotNet;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// The <see cref="DeployedRevision"/> file on a target, through the target's access: read (through the archive API, so
/// nothing runs in the container), written (into <c>/</c>, its folders made as needed) and removed.
/// </summary>
internal static class DeployedRevisionFile
{
    /// <summary>
    /// What the target's record says: the record, or none (<c>Missing</c>: no rollout wrote one), or why it is not one.
    /// </summary>
    public static async Task<(DeployedRevision? Record, string? Problem, bool Missing)> ReadAsync(ITargetAccess access, CancellationToken cancellationToken)
    {
        byte[] tar;
        try
        {
            tar = await access.ReadFolderAsync(DeployedRevision.PathOnTarget, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null, true);
        }

        var (record, problem) = DeployedRevision.FromTar(tar);
        return (record, problem, false);
    }

    /// <summary>Writes <paramref name="record"/> over the target's record.</summary>
    public static Task WriteAsync(ITargetAccess access, DeployedRevision record, CancellationToken cancellationToken) =>
        access.WriteTarAsync("/", record.ToTar(), cancellationToken);

    /// <summary>Puts <paramref name="record"/> back, or removes the target's record when there was none.</summary>
    public static async Task PutBackAsync(ITargetAccess access, DeployedRevision? record, CancellationToken cancellationToken)
    {
        if (record is not null)
        {
            await WriteAsync(access, record, cancellationToken).ConfigureAwait(false);
            return;
        }

        var removed = await access.ExecAsync(["rm", "-f", "--", DeployedRevision.PathOnTarget], cancellationToken).ConfigureAwait(false);
        if (!removed.Succeeded)
        {
            throw new IOException($"could not remove {DeployedRevision.PathOnTarget}: {Words.OneLine(removed.Words)}");
        }
    }
}
