using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// The working tree's rendered configuration against the same files inside the image production runs: exactly what a
/// deploy changes, whatever git history says.
/// </summary>
internal static class ProductionConfig
{
    public static async Task<ConfigChanges> CompareAsync(ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        // Render first: a template error is the user's to fix and needs no engine.
        var rendered = ConfigRenderer.Render(configuration.TreePath, configuration.Progress);
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        var description = configuration.Root.Description;
        var image = await ImageResolutions.ResolveAsync(engine, configuration, cancellationToken).ConfigureAwait(false);
        configuration.Progress?.Report($"Reading {rendered.Files.Count} rendered files from {image.PinnedReference}");
        var inImage = await ImageFiles.ReadAsync(engine, image, description.Name, rendered.Files.Select(f => f.Path), cancellationToken).ConfigureAwait(false);
        return rendered.CompareWith(inImage, image.PinnedReference);
    }
}
