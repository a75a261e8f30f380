using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// One revision of the service's tree, as files in a folder: what a rollout copies into every target. Made from a git
/// revision of the service repo (exported to a temporary folder, deleted on dispose) or from a folder as it is.
/// </summary>
public sealed class Revision : IDisposable
{
    private readonly bool owned;

    private Revision(string id, string summary, string folder, bool owned)
    {
        Id = id;
        Summary = summary;
        Folder = folder;
        this.owned = owned;
    }

    /// <summary>The revision: a full commit id, or a name for a folder.</summary>
    public string Id { get; }

    /// <summary>One line about it: the commit's subject, or the folder.</summary>
    public string Summary { get; }

    /// <summary>The folder holding the service tree of this revision (what belongs under SERVICE_ROOT).</summary>
    public string Folder { get; }

    /// <summary>The id cut to 12 characters for tables.</summary>
    public string ShortId => Id.Length == 40 || Id.Length == 64 ? Id[..12] : Id;

    /// <summary>A folder taken as it is (nothing is copied or deleted): for a working tree or an exported tree.</summary>
    public static Revision FromFolder(string folder, string? id = null) =>
        Directory.Exists(folder)
            ? new Revision(id ?? Path.GetFullPath(folder), Path.GetFullPath(folder), Path.GetFullPath(folder), owned: false)
            : throw new InfraTestsException($"{folder}: no such folder to roll out.");

    /// <summary>
    /// Exports <paramref name="revision"/> of the git repository <paramref name="repository"/> (a clone or a bare mirror),
    /// the subtree <paramref name="servicePath"/> ("" for the whole repo), to a temporary folder. A revision the repository
    /// does not have is one line saying so.
    /// </summary>
    public static Task<Revision> FromGitAsync(string repository, string revision, string servicePath = "", CancellationToken cancellationToken = default) =>
        FromGitAsync(repository, revision, servicePath, fetch: false, cancellationToken);

    /// <summary>
    /// As <see cref="FromGitAsync(string, string, string, CancellationToken)"/>; with <paramref name="fetch"/>, a revision the
    /// repository lacks is fetched from its configured remotes first (a mirror that a push has not reached yet).
    /// </summary>
    public static async Task<Revision> FromGitAsync(string repository, string revision, string servicePath, bool fetch, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(repository))
        {
            throw new InfraTestsException($"{repository}: no such repository folder: give the path of a clone or mirror of the service repo.");
        }

        string[] verify = ["rev-parse", "--verify", "--quiet", $"{revision}^{{commit}}"];
        var (found, commit, _) = await GitAsync(repository, verify, null, cancellationToken).ConfigureAwait(false);
        if (!found && fetch)
        {
            await FetchAsync(repository, revision, cancellationToken).ConfigureAwait(false);
            (found, commit, _) = await GitAsync(repository, verify, null, cancellationToken).ConfigureAwait(false);
        }

        if (!found)
        {
            throw new InfraTestsException($"revision '{revision}' does not exist in {repository}: push it there (or fetch it) first, or give a revision it has.");
        }

        commit = commit.Trim();
        var (_, subject, _) = await GitAsync(repository, ["log", "-1", "--format=%s", commit], null, cancellationToken).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("infratests-revision-").FullName;
        try
        {
            var tree = servicePath.Trim('/') is { Length: > 0 } path ? $"{commit}:{path}" : commit;
            var (archived, _, error) = await GitAsync(repository, ["archive", "--format=tar", tree], folder, cancellationToken).ConfigureAwait(false);
            if (!archived)
            {
                throw new InfraTestsException($"revision {commit[..12]} of {repository} has no '{servicePath}' folder ({error.Trim()}): give the service's path in the repo.");
            }

            TreeLinks.Check(folder, $"revision {commit[..12]} of {repository}");
            return new Revision(commit, subject.Trim(), folder, owned: true);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Exports <paramref name="revision"/> of the git repository that holds <paramref name="serviceRoot"/>, the service
    /// root's own subtree (the service may live in a folder of a bigger repo).
    /// </summary>
    public static async Task<Revision> FromServiceRootAsync(string serviceRoot, string revision, CancellationToken cancellationToken = default)
    {
        var (inRepo, prefix, _) = await GitAsync(serviceRoot, ["rev-parse", "--show-prefix"], null, cancellationToken).ConfigureAwait(false);
        var (_, top, _) = await GitAsync(serviceRoot, ["rev-parse", "--show-toplevel"], null, cancellationToken).ConfigureAwait(false);
        return inRepo
            ? await FromGitAsync(top.Trim(), revision, prefix.Trim(), cancellationToken).ConfigureAwait(false)
            : throw new InfraTestsException($"{serviceRoot} is not in a git repository: a rollout sends a committed revision; commit it, or give --folder.");
    }

    /// <summary>
    /// The commit <paramref name="branch"/> of <paramref name="repository"/> points at now, if the revision
    /// <paramref name="revision"/> is strictly behind it (an ancestor of it); null when it is the tip, not an ancestor (a
    /// force push), or the branch is unknown. Tells a late, out-of-order delivery from the newest one.
    /// </summary>
    public static async Task<string?> NewerTipAsync(string repository, string branch, string revision, CancellationToken cancellationToken = default)
    {
        var (known, tip, _) = await GitAsync(repository, ["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}^{{commit}}"], null, cancellationToken).ConfigureAwait(false);
        tip = tip.Trim();
        if (!known || tip.StartsWith(revision, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (behind, _, _) = await GitAsync(repository, ["merge-base", "--is-ancestor", revision, tip], null, cancellationToken).ConfigureAwait(false);
        return behind ? tip : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (owned && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{ShortId} ({Summary})";

    // A revision the mirror lacks: fetched from its remotes, or one line saying why it could not be.
    private static async Task FetchAsync(string repository, string revision, CancellationToken cancellationToken)
    {
        string? problem;
        try
        {
            var (fetched, _, error) = await GitAsync(repository, ["fetch", "--quiet", "--all"], null, cancellationToken).ConfigureAwait(false);
            problem = fetched ? null : Words.OneLine(error);
        }
        catch (InfraTestsException exception) when (exception.InnerException is TimeoutException)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            throw new InfraTestsException($"revision '{revision}' is not in {repository}, and fetching it failed: {problem} (git is never let ask for credentials here: give the mirror's remotes access that needs no prompt, such as an ssh key, or push the revision there).");
        }
    }

    // Runs git; with extractTo, its standard output is the revision's tar, extracted there.
    private static Task<(bool Succeeded, string Output, string Error)> GitAsync(string repository, IEnumerable<string> arguments, string? extractTo, CancellationToken cancellationToken) =>
        GitCommand.RunAsync(repository, arguments, extractTo is null ? null : (tar, token) => RevisionArchive.ExtractAsync(tar, extractTo, token), cancellationToken);
}
