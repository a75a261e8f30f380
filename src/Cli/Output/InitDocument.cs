using InfraTests.Harness.Adoption;

namespace InfraTests.Cli.Output;

/// <summary><c>infratests init --json</c>: what was written (or was there already), from which image, and what the image lacks.</summary>
internal sealed record InitDocument(
    string Command,
    string ServiceRoot,
    ImageDocument Image,
    string Project,
    string InfraTestsVersion,
    string Feed,
    bool NothingToDo,
    IReadOnlyList<InitFileDocument> Files,
    IReadOnlyList<ImageGap> Lacks,
    IReadOnlyList<string> Notes)
{
    public static InitDocument From(AdoptionPlan plan) => new(
        "init",
        plan.Root,
        ImageDocument.From(plan.Image),
        plan.Project,
        plan.Version,
        plan.Feed,
        plan.NothingToDo,
        plan.Files.Select(f => new InitFileDocument(f.Path, f.Action.ToString().ToLowerInvariant(), f.What)).ToList(),
        plan.Gaps,
        plan.Notes);
}
