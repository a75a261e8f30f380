using System.Diagnostics;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// One target's turn: keep its current tree, copy the revision in, run its UPDATE_METHOD, its VALIDATE_METHOD, probe
/// its DNS port with the checks; on any failure put the kept tree back and update and validate again, so a target is
/// either on the new revision or on its previous one, never in between.
/// </summary>
internal sealed class TargetRollout(RolloutTarget target, ITargetAccess access, RolloutSettings settings, IProgress<string> progress)
{
    private readonly ImageContract contract = target.Contract ?? throw new InvalidOperationException($"{target} has no contract");

    public async Task<TargetOutcome> RunAsync(Revision revision, ServiceTree next, ChecksFile? checks, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcome = new TargetOutcome { Target = target.Label, ContainerId = target.ContainerId, State = TargetState.Untouched };
        var root = contract.ServiceRoot;
        var parent = ServiceTree.ParentOf(root);

        ServiceTree previous;
        try
        {
            previous = ServiceTree.FromTar(await access.ReadFolderAsync(root, cancellationToken).ConfigureAwait(false), root);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return outcome with { FailedStep = "copy", Message = "interrupted before anything was changed", Total = clock.Elapsed };
        }
        catch (Exception exception)
        {
            return outcome with { FailedStep = "copy", Message = $"could not read {root} to keep it ({Words.OneLine(exception.Message)}): nothing was changed", Total = clock.Elapsed };
        }

        var step = "copy";
        try
        {
            var copy = Stopwatch.StartNew();
            await ReplaceAsync(parent, root, next, previous, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Copy = copy.Elapsed };
            Say($"copied {next.Files.Count} files of {revision.ShortId} into {root} in {Words.Seconds(copy.Elapsed)}");

            step = "update";
            var update = await RunMethodAsync(contract.UpdateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Update = update.Duration };
            Require(update);
            Say($"updated through {contract.UpdateMethod} in {Words.Seconds(update.Duration)}");

            step = "validate";
            var validate = await RunMethodAsync(contract.ValidateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Validate = validate.Duration };
            Require(validate);
            Say($"validated through {contract.ValidateMethod} in {Words.Seconds(validate.Duration)}");

            if (checks is not null)
            {
                step = "probe";
                var probe = Stopwatch.StartNew();
                var verdicts = await ProbeAsync(checks, cancellationToken).ConfigureAwait(false);
                outcome = outcome with { Probe = probe.Elapsed, Checks = $"{verdicts.Count(v => v.Passed)}/{verdicts.Count}" };
                var failed = verdicts.Where(v => !v.Passed).ToList();
                if (failed.Count > 0)
                {
                    throw new StepFailedException(string.Join("; ", failed.Select(v => $"expected {v.Check}, but {v.Check.Name} is {v.Answered}")));
                }

                Say($"probed {verdicts.Count} checks on {target.Dns}: all passed in {Words.Seconds(probe.Elapsed)}");
            }

            return outcome with { State = TargetState.Updated, Total = clock.Elapsed };
        }
        // A connection to the engine that breaks mid-step (as DockerEngine tells one) is a failed step too: the target is restored.
        catch (Exception exception) when (exception is StepFailedException or InfraTestsException or Docker.DotNet.DockerApiException or IOException
            or HttpRequestException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // Interrupted (Ctrl+C) half-way: the target still goes back, on its own time (at least a minute a step).
            var interrupted = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var why = interrupted ? $"interrupted during {step}"
                : exception is OperationCanceledException ? $"{step} did not finish within {Words.Seconds(settings.StepTimeout)}"
                : Words.OneLine(exception.Message);
            Say($"{step} failed: {why}; putting {previous.Files.Count} files of the previous revision back");
            var restore = Stopwatch.StartNew();
            var restored = await RestoreAsync(parent, root, previous, next, interrupted ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
            Say(restored is null ? $"restored in {Words.Seconds(restore.Elapsed)}: previous revision updated and validated" : $"restore failed: {restored}");
            return outcome with
            {
                State = restored is null ? TargetState.Restored : TargetState.RestoreFailed,
                FailedStep = step,
                Message = restored is null ? why : $"{why}; restore failed: {restored}",
                Restore = restore.Elapsed,
                Total = clock.Elapsed,
            };
        }
    }

    // Writes the tree in, then removes the files the tree it replaces had and it has not.
    private async Task ReplaceAsync(string parent, string root, ServiceTree tree, ServiceTree replaced, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(limit, cancellationToken);
        await access.WriteTarAsync(parent, tree.Tar, timeout.Token).ConfigureAwait(false);
        var gone = replaced.Files.Except(tree.Files).Select(f => $"{root.TrimEnd('/')}/{f}").ToList();
        if (gone.Count > 0)
        {
            var removed = await access.ExecAsync(["rm", "-f", "--", .. gone], timeout.Token).ConfigureAwait(false);
            if (!removed.Succeeded)
            {
                throw new StepFailedException($"could not remove {gone.Count} files the revision no longer has: {Words.OneLine(removed.Words)}");
            }
        }
    }

    // Null when the previous revision is back, updated and validated; otherwise why not.
    private async Task<string?> RestoreAsync(string parent, string root, ServiceTree previous, ServiceTree failed, CancellationToken cancellationToken)
    {
        try
        {
            await ReplaceAsync(parent, root, previous, failed, RestoreTimeout, cancellationToken).ConfigureAwait(false);
            var update = await RunMethodAsync(contract.UpdateMethod, RestoreTimeout, cancellationToken).ConfigureAwait(false);
            Require(update);
            var validate = await RunMethodAsync(contract.ValidateMethod, RestoreTimeout, cancellationToken).ConfigureAwait(false);
            Require(validate);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException ? $"it did not finish within {Words.Seconds(RestoreTimeout)}" : Words.OneLine(exception.Message);
        }
    }

    private async Task<CommandResult> RunMethodAsync(string method, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(limit, cancellationToken);
        return await access.ExecAsync(method.Split(' ', StringSplitOptions.RemoveEmptyEntries), timeout.Token).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CheckVerdict>> ProbeAsync(ChecksFile checks, CancellationToken cancellationToken)
    {
        var address = target.Dns ?? throw new StepFailedException("it publishes no DNS port this machine may ask");
        using var timeout = Timeout(settings.StepTimeout, cancellationToken);
        var source = new TestedImage(target.Image, target.Image, "?", target.Endpoint.Name);
        var endpoint = DnsEndpoint.At(address.Address, address.Port, null, source);
        return await checks.RunAsync(endpoint, contract, timeout.Token).ConfigureAwait(false);
    }

    // Putting the previous revision back is the safety path: it gets at least a minute a step, however short the steps.
    private TimeSpan RestoreTimeout => settings.StepTimeout > TimeSpan.FromMinutes(1) ? settings.StepTimeout : TimeSpan.FromMinutes(1);

    private static CancellationTokenSource Timeout(TimeSpan limit, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(limit);
        return source;
    }

    private static void Require(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new StepFailedException($"{result.Command} exited {result.ExitCode}: {Words.OneLine(result.Words)}");
        }
    }

    private void Say(string line) => progress.Report($"{target.Label}: {line}");

    private sealed class StepFailedException(string message) : Exception(message);
}
