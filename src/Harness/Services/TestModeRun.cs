using System.Diagnostics;
using Docker.DotNet.Models;
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
        var containers = engine.Client.Containers;
        var id = (await containers.CreateContainerAsync(spec.ToCreateParameters(null, ResourceLabels.For(configuration.Root.Description.Name)), cancellationToken).ConfigureAwait(false)).ID;
        ExitCleanup.Track(id, engine);
        try
        {
            await containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);

            // The log is followed until the container exits: streamed to whoever listens, and kept whole for the result.
            var (stdout, stderr) = await StreamedOutput.FollowAsync(engine.Client, id, configuration.Output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
            var exited = await containers.WaitContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return ValidationResult.From(new CommandResult(testMethod, checked((int)exited.StatusCode), stdout, stderr, clock.Elapsed)) with { Tree = configuration.TreePath, Image = image.PinnedReference };
        }
        finally
        {
            // Not cancellable: a run stopped midway still leaves no container behind.
            await containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
            ExitCleanup.Forget(id);
        }
    }
}
