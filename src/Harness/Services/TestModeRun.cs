using System.Diagnostics;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Services;

/// <summary>
/// The image run to completion instead of as a daemon: its test mode (<c>TEST_METHOD</c>) over the mounted tree, like the
/// operator's <c>docker run --rm -v $PWD:/srv/named -e TEST=1 image</c>. Made by <see cref="ServiceBuilder.BuildTestMode"/>;
/// run it as often as needed, each run in a fresh container that is removed afterwards.
/// </summary>
/// <example>
/// <code>
/// var result = await ServiceBuilder.For(ServiceRoot.Locate("samples/bind")).BuildTestMode().RunAsync();
/// </code>
/// </example>
public sealed class TestModeRun
{
    private readonly ServiceConfiguration configuration;

    internal TestModeRun(ServiceConfiguration configuration) => this.configuration = configuration;

    /// <summary>
    /// Resolves the tag, runs the image's <c>TEST_METHOD</c> (found by introspection) with the tree mounted, streams its words
    /// to the builder's output, and returns its verdict with the problems it named, each with file and line.
    /// </summary>
    public async Task<ValidationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var (engine, image, swept) = await PinnedStart.ResolveAsync(configuration, cancellationToken).ConfigureAwait(false);
        await swept.ConfigureAwait(false);
        var testMethod = image.Contract.TestMethod
            ?? throw new InfraTestsException($"The image {image.PinnedReference} has no test mode: its ENV lacks TEST_METHOD. Add one to its Dockerfile (see docs/contract.md), or run its VALIDATE_METHOD in a running container with RunValidationAsync.");

        var clock = Stopwatch.StartNew();
        configuration.Progress?.Report($"running {testMethod} in {image.PinnedReference} over {configuration.TreePath}");
        var spec = (configuration with { Command = testMethod }).ToContainerSpec(image);
        // The engine API straight, not Testcontainers: a one-shot run needs no wait strategy, port mapping or pull policy (the
        // image is local once resolved), and Testcontainers' set-up cost the first run of a process about half a second.
        await using var container = await OwnedContainer.CreateAsync(engine, spec, ResourceLabels.For(configuration.Root.Description.Name), cancellationToken).ConfigureAwait(false);
        await container.StartAsync(cancellationToken).ConfigureAwait(false);

        // The log is followed until the container exits: streamed to whoever listens, and kept whole for the result. The
        // container is removed on the way out, also when the run is stopped midway.
        var (stdout, stderr) = await engine.Api.FollowLogAsync(container.Id, configuration.Output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
        var exitCode = await engine.Api.WaitContainerAsync(container.Id, cancellationToken).ConfigureAwait(false);
        return ValidationResult.From(new CommandResult(testMethod, checked((int)exitCode), stdout, stderr, clock.Elapsed)) with { Tree = configuration.TreePath, Image = image.PinnedReference };
    }
}
