using InfraTests.Harness.Images;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// What <c>infratests init</c> will write in a service repo, made by <see cref="ServiceAdoption.PlanAsync"/>: every file with what is
/// done to it, the image it was derived from, and what the image still lacks. Nothing is written until <see cref="Apply"/>.
/// </summary>
public sealed class AdoptionPlan
{
    internal AdoptionPlan(string root, ProductionImage image, string project, string version, string feed, IReadOnlyList<PlannedFile> files, IReadOnlyList<ImageGap> gaps, IReadOnlyList<string> notes)
    {
        Root = root;
        Image = image;
        Project = project;
        Version = version;
        Feed = feed;
        Files = files;
        Gaps = gaps;
        Notes = notes;
    }

    /// <summary>The service root: the folder holding (or about to hold) infratests.yaml.</summary>
    public string Root { get; }

    /// <summary>Production's image, resolved to its digest, whose contract the tests were derived from.</summary>
    public ProductionImage Image { get; }

    /// <summary>The test project's name, e.g. <c>Rbldnsd.Tests</c>.</summary>
    public string Project { get; }

    /// <summary>The InfraTests version the project pins.</summary>
    public string Version { get; }

    /// <summary>The feed the project restores InfraTests from.</summary>
    public string Feed { get; }

    /// <summary>Every file init writes, in the order it writes them, each with what is done to it.</summary>
    public IReadOnlyList<PlannedFile> Files { get; }

    /// <summary>What the image (or the repo) still lacks, with what to do.</summary>
    public IReadOnlyList<ImageGap> Gaps { get; }

    /// <summary>Choices made and things not confirmed, one line each (the assertion library and why; a feed that could not be asked).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when every file is there already as init writes it: a second run.</summary>
    public bool NothingToDo => Files.All(f => f.Action == PlannedFileAction.Unchanged);

    /// <summary>
    /// Writes every file the plan creates or appends to, all or nothing: each is checked again first (a file that appeared
    /// or changed since planning stops everything), and a failure part-way takes back what was written. Returns the files
    /// written; none on a second run.
    /// </summary>
    public IReadOnlyList<PlannedFile> Apply() => PlanWriter.Write(Root, Files);
}
