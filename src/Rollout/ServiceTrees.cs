namespace InfraTests.Rollout;

/// <summary>
/// The revision's tree as a tar for each <c>SERVICE_ROOT</c> the targets of one run have, built once per run however many
/// targets share a root. Each run has its own, so plans stay immutable and two runs of one plan share nothing.
/// </summary>
internal sealed class ServiceTrees(Revision revision)
{
    private readonly Dictionary<string, ServiceTree> trees = new(StringComparer.Ordinal);

    /// <summary>The tree for targets whose service root is <paramref name="serviceRoot"/>.</summary>
    public ServiceTree For(string serviceRoot)
    {
        lock (trees)
        {
            if (!trees.TryGetValue(serviceRoot, out var tree))
            {
                trees[serviceRoot] = tree = ServiceTree.FromFolder(revision.Folder, serviceRoot);
            }

            return tree;
        }
    }
}
