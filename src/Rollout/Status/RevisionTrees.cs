using System.Collections.Concurrent;

namespace InfraTests.Rollout.Status;

/// <summary>
/// The tree of each recorded revision as a rollout sends it (<c>git archive</c> of the commit in the service repo, less what
/// <c>.dockerignore</c> keeps out), once per commit and SERVICE_ROOT however many hosts hold it.
/// </summary>
internal sealed class RevisionTrees(string serviceRoot)
{
    private readonly ConcurrentDictionary<(string Commit, string Root), Lazy<Task<ServiceTree>>> trees = new();

    /// <summary>The tree of <paramref name="record"/>'s commit (checked to be a commit id first) for <paramref name="root"/>.</summary>
    public Task<ServiceTree> ForAsync(DeployedRevision record, string root, CancellationToken cancellationToken)
    {
        // Data from a host: only a full commit id is ever handed to git.
        if (!record.IsCommit)
        {
            throw new ArgumentException($"'{record.Revision}' is not a commit id", nameof(record));
        }

        return trees.GetOrAdd((record.Revision, root), key => new Lazy<Task<ServiceTree>>(() => ReadAsync(key.Commit, key.Root, cancellationToken))).Value;
    }

    private async Task<ServiceTree> ReadAsync(string commit, string root, CancellationToken cancellationToken)
    {
        using var revision = await Revision.FromServiceRootAsync(serviceRoot, commit, cancellationToken).ConfigureAwait(false);
        return ServiceTree.FromFolder(revision.Folder, root);
    }
}
