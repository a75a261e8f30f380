using System.Diagnostics;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// The image run to completion instead of as a daemon: its test mode (<c>TEST_METHOD</c>) over the mounted tree, like the
/// operator's <c>docker run --rm -v $PWD:/srv/named -e TEST=1 image</c>. Nothing is left behind.
/// </summary>
internal sealed class OneShotRun(ServiceConfiguration configuration)
{
    public async Task<ValidationResult> RunTestModeAsync(CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        var description = configuration.Root.Description;
        var image = await ImageResolutions.ResolveAsync(engine, configuration, cancellationToken).ConfigureAwait(false);
        var testMethod = image.Contract.TestMethod
            ?? throw new InfraTestsException($"The image {image.PinnedReference} has no test mode: its ENV lacks TEST_METHOD. Add one to its Dockerfile (see docs/contract.md), or run its VALIDATE_METHOD in a running container with RunValidationAsync.");

        var clock = Stopwatch.StartNew();
        configuration.Progress?.Report($"running {testMethod} in {image.PinnedReference} over {configuration.TreePath}");
        await using var container = new ServiceContainer(configuration with { Command = testMethod }).CreateForOneShot(image);
        await container.StartAsync(cancellationToken).ConfigureAwait(false);
        ExitCleanup.Track(container.Id, engine);
        try
        {
            // The log is followed until the container exits: streamed to whoever listens, and kept whole for the result.
            var (stdout, stderr) = await StreamedOutput.FollowAsync(engine.Client, container.Id, configuration.Output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
            var exitCode = await container.GetExitCodeAsync(cancellationToken).ConfigureAwait(false);
            return ValidationResult.From(new CommandResult(testMethod, exitCode, stdout, stderr, clock.Elapsed));
        }
        finally
        {
            ExitCleanup.Forget(container.Id);
        }
    }
}
