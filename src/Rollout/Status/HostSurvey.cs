using Docker.DotNet;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>
/// One host read: the digest of its image, its SERVICE_ROOT (through the archive API, running or not), the revision record
/// a rollout left on it, the drift from that revision and from the image's baked tree; then judged. What cannot be read
/// is a warning finding naming why, never a failure of the whole survey. Its health is read meanwhile, when
/// <paramref name="healthReads"/> lets it (each read runs a MONITOR_METHOD and waits for a stats sample).
/// </summary>
internal sealed class HostSurvey(DockerTargetProvider engines, FoundContainer found, ProductionImage production, TestedImages? tested, RevisionTrees trees, SemaphoreSlim healthReads)
{
    private readonly List<StatusFinding> findings = [];

    public async Task<HostStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var target = found.Target;
        var state = found.Inspected.State;
        var host = new HostStatus
        {
            Target = target.Label,
            Engine = target.Endpoint.Name,
            Container = target.ContainerName,
            ContainerId = target.ContainerId,
            Task = target.Task,
            State = state?.Status ?? "unknown",
            Image = target.Image,
        };
        var health = ReadHealthAsync(cancellationToken);
        host = WithDigest(host);
        if (target.Contract is null)
        {
            findings.Add(new("files", StatusLevel.Warning, $"its files cannot be compared: {target.ContractProblem}"));
        }
        else
        {
            host = await WithDriftAsync(host, target.Contract.ServiceRoot, cancellationToken).ConfigureAwait(false);
        }

        var (read, problem) = await health.ConfigureAwait(false);
        if (problem is not null)
        {
            findings.Add(new("health", StatusLevel.Warning, $"its health could not be read: {problem}"));
        }

        return StatusPolicy.Judge(host with { Health = read, Findings = findings }, production.Digest, tested);
    }

    /// <summary>The host's health, or why it could not be read; the problem is handed back, as the other reads add findings meanwhile.</summary>
    internal static async Task<(HostHealth? Health, string? Problem)> ReadHealthAsync(DockerEngine engine, string containerId, SemaphoreSlim healthReads, CancellationToken cancellationToken)
    {
        await healthReads.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await new HostHealthReader(engine).ReadAsync(containerId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or IOException)
        {
            return (null, Words.OneLine(exception.Message));
        }
        finally
        {
            healthReads.Release();
        }
    }

    private Task<(HostHealth? Health, string? Problem)> ReadHealthAsync(CancellationToken cancellationToken) =>
        ReadHealthAsync(found.Engine, found.Target.ContainerId, healthReads, cancellationToken);

    // The image's digests were read when the host was found (DockerTargetProvider): no second inspect here.
    private HostStatus WithDigest(HostStatus host)
    {
        var (digest, isImageId) = RunningDigest.Pick(found.Target.ImageDigests, found.Inspected.Image, production.Repository, production.Digest, tested);
        return host with { Digest = digest, DigestIsImageId = isImageId };
    }

    private async Task<HostStatus> WithDriftAsync(HostStatus host, string root, CancellationToken cancellationToken)
    {
        var access = engines.Open(found.Target);
        ServiceTree current;
        try
        {
            current = ServiceTree.FromTar(await access.ReadFolderAsync(root, cancellationToken).ConfigureAwait(false), root);
        }
        catch (DockerApiException exception)
        {
            findings.Add(new("files", StatusLevel.Warning, $"its {root} could not be read ({Words.OneLine(exception.Message)})"));
            return host;
        }

        var (record, problem, _) = await DeployedRevisionFile.ReadAsync(access, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            findings.Add(new("revision", StatusLevel.Warning, $"the record of its revision is not one a rollout wrote: {problem}"));
        }

        host = host with { Revision = record };
        if (record is { IsCommit: false })
        {
            findings.Add(new("revision", StatusLevel.Warning, $"its tree was rolled out from a folder ({record.Revision}), not a commit: there is no revision to compare its files with"));
        }
        else if (record is not null)
        {
            try
            {
                // What the revision leaves out by its .dockerignore (the .dockerignore itself) it says nothing about: a rollout of
                // data leaves the image's copy there, which is no drift.
                var revision = await trees.ForAsync(record, root, cancellationToken).ConfigureAwait(false);
                host = host with { RevisionDrift = TreeDrift.Of(record.Revision, current.ComparedWith(revision).Without(revision.LeavesOut)) };
            }
            catch (InfraTestsException exception)
            {
                findings.Add(new("revision", StatusLevel.Warning, $"its recorded revision {record.ShortRevision} cannot be read from the service repo: {exception.Message}"));
            }
        }

        try
        {
            var baked = await engines.ImageTreeAsync(found.Target, cancellationToken).ConfigureAwait(false);
            host = host with { ImageDrift = TreeDrift.Of(host.Digest ?? found.Inspected.Image, current.ComparedWith(baked)) };
        }
        catch (Exception exception) when (exception is InfraTestsException or DockerApiException)
        {
            findings.Add(new("files", StatusLevel.Warning, $"the tree its image bakes could not be read: {Words.OneLine(exception.Message)}"));
        }

        return host;
    }
}
