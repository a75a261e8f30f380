using InfraTests.Harness.Engine;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Reports;

namespace InfraTests.Harness.Services;

/// <summary>
/// The working tree's rendered configuration against the same files inside the image for the builder's tag, read without
/// running the image: exactly what a deploy changes, whatever git history says. Made by
/// <see cref="ServiceBuilder.BuildDeployDiff"/>. It writes nothing itself; in a test run with reports on, the changes are
/// recorded into <see cref="RunReport.ForThisProcess"/>, whose job summary shows them as a plan.
/// </summary>
/// <example>
/// <code>
/// var changes = await ServiceBuilder.For(ServiceRoot.Locate("samples/bind")).BuildDeployDiff().CompareAsync();
/// </code>
/// </example>
public sealed class DeployDiff
{
    private readonly ServiceConfiguration configuration;

    internal DeployDiff(ServiceConfiguration configuration) => this.configuration = configuration;

    /// <summary>Renders the tree (its <c>buildsettings.yaml</c>) and compares every rendered file with the image's copy.</summary>
    public async Task<ConfigChanges> CompareAsync(CancellationToken cancellationToken = default)
    {
        // Render first: a template error is the user's to fix and needs no engine.
        var rendered = ConfigRenderer.Render(configuration.TreePath, configuration.Progress);
        var (engine, image, swept) = await PinnedStart.ResolveAsync(configuration, cancellationToken).ConfigureAwait(false);
        await swept.ConfigureAwait(false);
        configuration.Progress?.Report($"Reading {rendered.Files.Count} rendered files from {image.PinnedReference}");
        var inImage = await ImageFiles.ReadAsync(engine, image, configuration.Root.Description.Name, rendered.Files.Select(f => f.Path), cancellationToken).ConfigureAwait(false);
        var changes = rendered.CompareWith(inImage, image.PinnedReference);
        RunReport.ForThisProcess.Record(changes.ToReport());
        return changes;
    }
}
