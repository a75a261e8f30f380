using InfraTests.Harness.Checks;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// InfraTests being adopted in one service repo (<c>infratests init</c>), built by <see cref="AdoptionBuilder"/>: reads what
/// is there (infratests.yaml, or the image named and the Dockerfile; the image's contract from production's real image;
/// infratests.checks.yaml, buildsettings.yaml) and plans what to write. Refuses, in one line and before anything is
/// written, what it cannot work from.
/// </summary>
public sealed class ServiceAdoption
{
    private readonly AdoptionSettings settings;

    internal ServiceAdoption(AdoptionSettings settings) => this.settings = settings;

    /// <summary>
    /// Reads the repo and production's image and returns the plan: every file init writes with what it does to it (create,
    /// append a line, leave alone), and what the image still lacks. Throws <see cref="InfraTestsException"/> with one line
    /// when the folder is not in a git repository, no image is named, the tag does not resolve, the image lacks a required
    /// piece of the contract, the feed does not list the version, or a file init would write is there with other content.
    /// </summary>
    public async Task<AdoptionPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var repo = GitWorkTree.TopOf(settings.Folder);
        var (root, tag, from) = Locate(repo);
        var dockerfile = Dockerfile.Read(root);

        settings.Progress?.Report($"resolving {tag.Reference}");
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        ProductionImage image;
        try
        {
            image = await ImageResolutions.ResolveAsync(engine, tag, null, settings.Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageContractException exception)
        {
            throw Incomplete(exception, dockerfile, tag.Reference);
        }

        settings.Progress?.Report($"asking {settings.Feed} for InfraTests {settings.Version}");
        var feed = await FeedVersions.AskAsync(settings.Feed, "InfraTests.Harness", cancellationToken).ConfigureAwait(false);
        if (feed.Versions is not null && !feed.Lists(settings.Version))
        {
            var whose = settings.InfraTestsVersion is null ? " (this tool's own version)" : string.Empty;
            var newest = feed.Newest is { } version ? $" (newest there: {version})" : " (it lists no InfraTests.Harness at all)";
            throw new InfraTestsException($"InfraTests {settings.Version}{whose} is not on the feed {settings.Feed}{newest}: publish it there (setup/pack.sh in the InfraTests checkout), or pin a version the feed lists with --infratests-version.");
        }

        var (library, libraryFrom) = settings.Assertions is { } chosen ? (chosen, "--assertions")
            : AssertionsInUse.Find(repo) is { } inUse ? (inUse.Library, inUse.File)
            : (AssertionLibrary.FluentAssertions, "the default");
        var project = new TestProject(TestProject.NameFor(tag.Repository[(tag.Repository.LastIndexOf('/') + 1)..]), library, settings.Version, settings.Feed, settings.NuGetSource);
        var hasChecks = File.Exists(Path.Combine(root, ChecksFile.FileName));
        var atRepoTop = string.Equals(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(repo).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
        var wanted = Wanted(project, image.Contract, root, hasChecks, from is null ? null : tag, atRepoTop);
        var files = PlanWriter.Compare(root, wanted);
        var notes = new List<string>
        {
            $"assertions: {project.LibraryName} through {project.AssertionsPackage} ({(libraryFrom == "the default" ? "the default" : $"from {libraryFrom}")})",
        };
        if (!atRepoTop)
        {
            notes.Add($"CI: the service is in a folder of its repo, so init wrote no workflow: copy the one in InfraTests' docs/ci.md into {repo}/.github/workflows/ with the path to {TestProject.Folder}/ci.sh");
        }

        if (feed.Versions is null)
        {
            notes.Add($"could not ask {settings.Feed} whether it lists InfraTests {settings.Version} ({feed.Problem}): `dotnet test` restores from it");
        }

        return new AdoptionPlan(root, image, project.Namespace, settings.Version, settings.Feed, files, ImageGaps.Find(image.Contract, dockerfile, hasChecks, image.TagReference), notes);
    }

    // The service root and production's tag: infratests.yaml at or above the folder (inside the repo), else the image named.
    private (string Root, ImageTag Tag, string? From) Locate(string repo)
    {
        for (var folder = new DirectoryInfo(settings.Folder); folder is not null && folder.FullName.Length >= repo.Length; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ServiceDescription.FileName)))
            {
                var description = ServiceRoot.Find(folder.FullName).Description;
                if (settings.Image is { } image && image != description.ProductionReference)
                {
                    throw new InfraTestsException($"{description.Path} names production's image {description.ProductionReference}, not {image}: leave out --image, or correct infratests.yaml.");
                }

                return (folder.FullName, description.TagFor("production"), null);
            }
        }

        var dockerfile = Path.Combine(settings.Folder, Dockerfile.FileName);
        var named = settings.Image ?? LabelledImage(Dockerfile.Read(settings.Folder));
        if (named is null)
        {
            throw new InfraTestsException(File.Exists(dockerfile)
                ? $"{dockerfile} says how the image is built, not the name production pulls it by, and there is no {ServiceDescription.FileName}: give it, `infratests init --image REGISTRY/REPOSITORY:TAG`."
                : $"{settings.Folder}: neither {ServiceDescription.FileName} nor a {Dockerfile.FileName} here: run init in the service repo's root, or name production's image with --image REGISTRY/REPOSITORY:TAG.");
        }

        var (repository, tag) = ImageOption.Split(named);
        return (settings.Folder, new ImageTag(repository, tag, "production", settings.Image is null ? $"the {Dockerfile.FileName}'s LABEL {RefNameLabel}" : "--image"), named);
    }

    private const string RefNameLabel = "org.opencontainers.image.ref.name";

    // An OCI ref.name label holding a whole reference (REGISTRY/REPOSITORY:TAG), as some build pipelines write it; a bare tag is not enough.
    private static string? LabelledImage(Dockerfile? dockerfile) =>
        dockerfile?.Labels.GetValueOrDefault(RefNameLabel) is { } value && value.Contains('/', StringComparison.Ordinal) && ImageOption.Problem(value) is null ? value : null;

    private static List<(string Path, string Content, string What)> Wanted(TestProject project, ImageContract contract, string root, bool hasChecks, ImageTag? describe, bool atRepoTop)
    {
        var folder = TestProject.Folder;
        var wanted = new List<(string, string, string)>();
        if (describe is not null)
        {
            wanted.Add((ServiceDescription.FileName, ProjectFiles.Description(describe.Repository, describe.Tag), $"production's image and tag, from {describe.NamedIn}"));
        }

        wanted.Add(($"{folder}/{project.Namespace}.csproj", ProjectFiles.ProjectFile(project), $"xunit v3, InfraTests.Harness, {project.AssertionsPackage}"));
        wanted.Add(($"{folder}/Directory.Packages.props", ProjectFiles.DirectoryPackagesProps(project), $"the versions: InfraTests {project.Version}, {project.LibraryName}, xunit.v3 4.0.2"));
        wanted.Add(($"{folder}/Directory.Build.props", ProjectFiles.DirectoryBuildProps, "net10.0, nullable, warnings as errors"));
        wanted.Add(($"{folder}/global.json", ProjectFiles.GlobalJson, "dotnet test on Microsoft.Testing.Platform"));
        wanted.Add(($"{folder}/nuget.config", ProjectFiles.NuGetConfig(project), $"InfraTests.* from {project.Feed}, the rest from {project.NuGetSource}"));
        wanted.Add(($"{folder}/.gitignore", ProjectFiles.GitIgnore, "build output and snapshot mismatches"));
        wanted.Add(($"{folder}/ci.sh", ProjectFiles.CiScript, "what CI runs: the tests, their reports, then the file:line annotations"));
        if (atRepoTop)
        {
            wanted.Add((".github/workflows/infratests.yml", ProjectFiles.GitHubWorkflow, $"GitHub Actions (Forgejo/Gitea too, as .forgejo/workflows/): runs {folder}/ci.sh on every push"));
        }

        wanted.Add(($"{folder}/{project.Fixture}.cs", TestFiles.Fixture(project), "the fixture: production's image with this working tree, one container per run"));
        wanted.Add(($"{folder}/ValidationTests.cs", TestFiles.Validation(project), "the image's own validation (VALIDATE_METHOD) passes"));
        if (contract.TestMethod is not null)
        {
            wanted.Add(($"{folder}/TestModeTests.cs", TestFiles.TestMode(project), "the image's test mode (TEST_METHOD) passes"));
        }

        wanted.Add(contract.ReadyCheck is { } ready
            ? ($"{folder}/DaemonTests.cs", TestFiles.WebDaemon(project, ready.IsHttp), $"the daemon answers its READY_CHECK ({ready})")
            : ($"{folder}/DaemonTests.cs", TestFiles.Daemon(project, contract.VersionMethod is not null), "the daemon answers and reports its version"));
        if ((contract.BlocklistZones.Count > 0 || !contract.AnswersDns) && hasChecks)
        {
            wanted.Add(($"{folder}/ChecksFileTests.cs", TestFiles.Checks(project), $"each entry of {ChecksFile.FileName} holds (read at run time)"));
        }

        if (File.Exists(Path.Combine(root, BuildSpecification.FileName)))
        {
            wanted.Add(($"{folder}/RenderedConfigTests.cs", TestFiles.RenderedConfig(project), $"the committed config is what {BuildSpecification.FileName} renders"));
        }

        return wanted;
    }

    // The one line for an image without the required contract: what to add to the Dockerfile, and what it has already and
    // only needs building into the image production runs.
    private static InfraTestsException Incomplete(ImageContractException exception, Dockerfile? dockerfile, string reference)
    {
        if (exception.Variable is not null)
        {
            return exception;
        }

        string? Has(string missing) => dockerfile is null ? null
            : missing.StartsWith("ENV ", StringComparison.Ordinal) ? (dockerfile.Environment.TryGetValue(missing[4..], out var set) ? $"{missing[4..]} ({Dockerfile.FileName}:{set.Line})" : null)
            : dockerfile.Exposed.Count > 0 ? $"EXPOSE {string.Join(' ', dockerfile.Exposed)}" : null;
        var add = exception.Missing.Where(m => Has(m) is null).Select(ContractLines.For).ToList();
        var has = exception.Missing.Select(Has).OfType<string>().ToList();
        var todo = new List<string>();
        if (add.Count > 0)
        {
            todo.Add($"add {string.Join(", ", add)} to its {Dockerfile.FileName}{(dockerfile?.LastEnvLine is { } line ? $" (the ENV instruction at {Dockerfile.FileName}:{line})" : string.Empty)}");
        }

        if (has.Count > 0)
        {
            todo.Add($"the {Dockerfile.FileName} has {string.Join(", ", has)} already");
        }

        return new InfraTestsException($"The image {reference} lacks {string.Join(", ", exception.Missing)}, so no test of it can start: {string.Join("; ", todo)}; rebuild and push the image, then run `infratests init` again (docs/contract.md).", exception);
    }
}
