using InfraTests.Rollout;
using InfraTests.Rollout.Targets;

namespace InfraTests.DocSnippets;

/// <summary>src/Rollout/README.md's C# block: the package's README on NuGet.</summary>
internal static class RolloutPackageSnippets
{
    public static async Task Rollout(string repository)
    {
        // begin-snippet: rollout-package
        using var revision = await Revision.FromGitAsync(repository, "main", "samples/rbldnsd");
        using var fleet = new DockerTargetProvider([DockerContexts.Resolve("default"), DockerContexts.Resolve("dc2")]);
        var record = await RolloutPlan.For(revision).WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).RunAsync();
        // end-snippet
    }
}
