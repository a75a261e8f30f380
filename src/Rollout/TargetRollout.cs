using System.Diagnostics;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// One target's turn: keep its current tree, copy the revision in, run its UPDATE_METHOD, its VALIDATE_METHOD, probe
/// its DNS port with the checks (a web service: its READY_CHECK GET and its http and tcp checks); on any failure put the kept tree back and update and validate again, so a target is
/// either on the new revision or on its previous one, never in between.
/// </summary>
internal sealed class TargetRollout(RolloutTarget target, ITargetAccess access, RolloutSettings settings, IProgress<string> progress, TargetJournal journal)
{
    private readonly ImageContract contract = target.Contract ?? throw new InvalidOperationException($"{target} has no contract");

    /// <summary>
    /// The turn; <paramref name="deployed"/> is the record written on the target once the copy finished (its time set then),
    /// the target's previous record put back with its kept tree.
    /// </summary>
    public async Task<TargetOutcome> RunAsync(Revision revision, ServiceTree next, DeployedRevision deployed, ChecksFile? checks, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outcome = new TargetOutcome { Target = target.Label, ContainerId = target.ContainerId, State = TargetState.Untouched };
        var root = contract.ServiceRoot;
        var parent = ServiceTree.ParentOf(root);

        ServiceTree previous;
        DeployedRevision? previousRecord;
        journal.Step(Steps.Keep);
        try
        {
            previous = ServiceTree.FromTar(await access.ReadFolderAsync(root, cancellationToken).ConfigureAwait(false), root);
            previousRecord = (await DeployedRevisionFile.ReadAsync(access, cancellationToken).ConfigureAwait(false)).Record;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            journal.Finished(TargetState.Untouched);
            return outcome with { FailedStep = Steps.Keep, Message = "interrupted before anything was changed", Total = clock.Elapsed };
        }
        catch (Exception exception)
        {
            journal.Finished(TargetState.Untouched);
            return outcome with { FailedStep = Steps.Keep, Message = $"could not read {root} to keep it ({Words.OneLine(exception.Message)}): nothing was changed", Total = clock.Elapsed };
        }

        // The kept tree is on disk before anything changes: a rollout killed from here on can be put back by the next one.
        journal.Kept(previous.Tar, previousRecord);

        var step = Steps.Copy;
        try
        {
            var copy = Stopwatch.StartNew();
            await ReplaceAsync(parent, root, next, previous, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            await RecordAsync(deployed with { Time = DateTimeOffset.UtcNow }, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Copy = copy.Elapsed };
            journal.Copied(Steps.Update);
            Say($"copied {next.Files.Count} files of {revision.ShortId} into {root} in {Words.Seconds(copy.Elapsed)}");

            step = Steps.Update;
            var update = await RunMethodAsync(contract.UpdateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Update = update.Duration };
            Require(update);
            Say($"updated through {contract.UpdateMethod} in {Words.Seconds(update.Duration)}");

            step = Steps.Validate;
            journal.Step(step);
            var validate = await RunMethodAsync(contract.ValidateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Validate = validate.Duration };
            Require(validate);
            Say($"validated through {contract.ValidateMethod} in {Words.Seconds(validate.Duration)}");

            if (checks is not null)
            {
                step = Steps.Probe;
                journal.Step(step);
                var probe = Stopwatch.StartNew();
                var verdicts = await ProbeAsync(checks, cancellationToken).ConfigureAwait(false);
                outcome = outcome with { Probe = probe.Elapsed, Checks = $"{verdicts.Count(v => v.Passed)}/{verdicts.Count}", ProbedAt = target.Probe.ToString() };
                var failed = verdicts.Where(v => !v.Passed).ToList();
                if (failed.Count > 0)
                {
                    throw new StepFailedException(string.Join("; ", failed.Select(v => v.Sentence)));
                }

                Say($"probed {verdicts.Count} checks {target.Probe}: all passed in {Words.Seconds(probe.Elapsed)}");
            }

            journal.Finished(TargetState.Updated);
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
            journal.Step(Steps.Restore);
            var restore = Stopwatch.StartNew();
            var restored = await RestoreAsync(parent, root, previous, previousRecord, next, interrupted ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
            Say(restored is null ? $"restored in {Words.Seconds(restore.Elapsed)}: previous revision updated and validated" : $"restore failed: {restored}");
            journal.Finished(restored is null ? TargetState.Restored : TargetState.RestoreFailed);
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

    /// <summary>
    /// Puts a target a killed rollout left at <paramref name="entry"/>'s step on a validated revision: when the new revision's
    /// copy had finished, UPDATE_METHOD and VALIDATE_METHOD (and the probe) again on what is there; when that fails, or the copy
    /// had not finished, the kept tree back, updated and validated. Before the copy began, nothing had changed: what is there
    /// is updated and validated. The target's record follows: <paramref name="deployed"/> once the new revision validated again,
    /// the kept one with the kept tree.
    /// </summary>
    public async Task<TargetOutcome> RecoverAsync(JournaledTarget entry, ServiceTree? kept, DeployedRevision deployed, ChecksFile? checks, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var root = contract.ServiceRoot;
        var outcome = new TargetOutcome { Target = target.Label, ContainerId = target.ContainerId, State = TargetState.Untouched, FailedStep = entry.Step };
        string? why = null;
        if (entry.Copied || kept is null)
        {
            try
            {
                journal.Step(Steps.Update);
                Require(await RunMethodAsync(contract.UpdateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false));
                journal.Step(Steps.Validate);
                Require(await RunMethodAsync(contract.ValidateMethod, settings.StepTimeout, cancellationToken).ConfigureAwait(false));
                if (checks is not null && entry.Copied)
                {
                    journal.Step(Steps.Probe);
                    var failed = (await ProbeAsync(checks, cancellationToken).ConfigureAwait(false)).Where(v => !v.Passed).ToList();
                    if (failed.Count > 0)
                    {
                        throw new StepFailedException(string.Join("; ", failed.Select(v => v.Sentence)));
                    }
                }

                if (entry.Copied)
                {
                    // Killed between the copy and its record, the record may still name the previous revision.
                    await RecordAsync(deployed with { Time = DateTimeOffset.UtcNow }, settings.StepTimeout, cancellationToken).ConfigureAwait(false);
                }

                var what = entry.Copied ? "the new revision updated and validated again" : "nothing had changed; updated and validated what is there";
                Say($"recovered: {what}");
                journal.Finished(entry.Copied ? TargetState.Updated : TargetState.Untouched);
                return outcome with { State = entry.Copied ? TargetState.Updated : TargetState.Untouched, Message = $"interrupted at {entry.Step} (the rollout's process died); recovery: {what}", Total = clock.Elapsed };
            }
            catch (Exception exception) when (exception is StepFailedException or InfraTestsException or Docker.DotNet.DockerApiException or IOException
                or HttpRequestException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                why = exception is OperationCanceledException ? $"it did not finish within {Words.Seconds(settings.StepTimeout)}" : Words.OneLine(exception.Message);
                if (kept is null)
                {
                    Say($"recovery failed: {why}; no tree was kept to put back");
                    journal.Finished(TargetState.RestoreFailed);
                    return outcome with { State = TargetState.RestoreFailed, Message = $"interrupted at {entry.Step}; recovery failed: {why}", Total = clock.Elapsed };
                }

                Say($"the new revision did not validate again ({why}); putting the kept tree back");
            }
        }

        journal.Step(Steps.Restore);
        var restore = Stopwatch.StartNew();
        ServiceTree current;
        try
        {
            current = ServiceTree.FromTar(await access.ReadFolderAsync(root, cancellationToken).ConfigureAwait(false), root);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            current = kept!;
        }

        var restored = await RestoreAsync(ServiceTree.ParentOf(root), root, kept!, entry.KeptRecord, current, cancellationToken).ConfigureAwait(false);
        Say(restored is null ? "recovered: the kept tree is back, updated and validated" : $"recovery failed: {restored}");
        journal.Finished(restored is null ? TargetState.Restored : TargetState.RestoreFailed);
        var done = why is null ? "the kept tree put back, updated and validated" : $"the new revision failed again ({why}); the kept tree put back, updated and validated";
        return outcome with
        {
            State = restored is null ? TargetState.Restored : TargetState.RestoreFailed,
            Message = restored is null ? $"interrupted at {entry.Step} (the rollout's process died); recovery: {done}" : $"interrupted at {entry.Step}; recovery failed: {restored}",
            Restore = restore.Elapsed,
            Total = clock.Elapsed,
        };
    }

    // Writes the tree in, then removes the files the tree it replaces had and it has not, among those it covers.
    private async Task ReplaceAsync(string parent, string root, ServiceTree tree, ServiceTree replaced, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(limit, cancellationToken);
        await access.WriteTarAsync(parent, tree.Tar, timeout.Token).ConfigureAwait(false);
        // Only what the tree covers: a tree of data only never removes code the image baked.
        var gone = replaced.Files.Except(tree.Files).Where(tree.Covers).Select(f => $"{root.TrimEnd('/')}/{f}").ToList();
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
    private async Task<string?> RestoreAsync(string parent, string root, ServiceTree previous, DeployedRevision? previousRecord, ServiceTree failed, CancellationToken cancellationToken)
    {
        try
        {
            await ReplaceAsync(parent, root, previous, failed, RestoreTimeout, cancellationToken).ConfigureAwait(false);
            using (var timeout = Timeout(RestoreTimeout, cancellationToken))
            {
                await DeployedRevisionFile.PutBackAsync(access, previousRecord, timeout.Token).ConfigureAwait(false);
            }

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

    // The record of what SERVICE_ROOT now holds, on the target (DeployedRevision.PathOnTarget).
    private async Task RecordAsync(DeployedRevision deployed, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(limit, cancellationToken);
        await DeployedRevisionFile.WriteAsync(access, deployed, timeout.Token).ConfigureAwait(false);
    }

    private async Task<CommandResult> RunMethodAsync(string method, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(limit, cancellationToken);
        return await access.ExecAsync(method.Split(' ', StringSplitOptions.RemoveEmptyEntries), timeout.Token).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CheckVerdict>> ProbeAsync(ChecksFile checks, CancellationToken cancellationToken)
    {
        if (contract.ReadyCheck is { } ready)
        {
            return await ProbeServiceAsync(checks, ready, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = Timeout(settings.StepTimeout, cancellationToken);
        using var inside = target.Probe.Inside ? new InsideProbe(access, contract.DnsPort) : null;
        var address = inside?.Address ?? target.Probe.Address!;
        var source = new TestedImage(target.Image, target.Image, "?", target.Endpoint.Name);
        // bound: a question asked inside takes an exec, which a loaded engine may take seconds to start; the relay itself
        // gives the daemon 3 s a question, and questions that wait for an exec go in the next one. The step's own timeout
        // still bounds the whole probe.
        var endpoint = DnsEndpoint.At(address.Address, address.Port, null, source, answerWithin: inside is null ? null : TimeSpan.FromSeconds(15));
        IReadOnlyList<CheckVerdict> verdicts;
        try
        {
            // A signed: check runs delv inside the target, through the same access the rollout writes with.
            verdicts = await checks.RunAsync(new ServiceEndpoints { Contract = contract, Dns = endpoint, Inside = access.ExecAsync }, timeout.Token).ConfigureAwait(false);
        }
        catch (DnsClient.DnsResponseException exception)
        {
            throw new StepFailedException($"its DNS port did not answer {target.Probe}: {Words.OneLine(inside?.Problem ?? exception.Message)}");
        }

        if (inside?.Problem is { } problem && verdicts.Any(v => !v.Passed))
        {
            throw new StepFailedException($"the probe inside the target got no answer: {problem}");
        }

        return verdicts;
    }

    // A service that is not asked DNS (a web service): its READY_CHECK question first (an HTTP GET answered 200 unless the
    // checks ask that path themselves), then the checks file's http and tcp checks, through the READY_CHECK port.
    private async Task<IReadOnlyList<CheckVerdict>> ProbeServiceAsync(ChecksFile checks, ReadyCheck ready, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(settings.StepTimeout, cancellationToken);
        using var inside = target.Probe.Inside ? new InsideTcpProbe(access, ready.Port) : null;
        var address = inside?.Address ?? target.Probe.Address!;
        var source = new TestedImage(target.Image, target.Image, "?", target.Endpoint.Name);
        // bound: through the relay each request takes an exec, which a loaded engine may take seconds to start; the step's
        // own timeout still bounds the whole probe.
        var within = inside is null ? (TimeSpan?)null : TimeSpan.FromSeconds(15);
        var endpoints = new ServiceEndpoints
        {
            Contract = contract,
            Http = ready.IsHttp ? HttpEndpoint.At(new Uri($"http://{address}/"), source, answerWithin: within) : null,
            TcpPorts = new Dictionary<int, System.Net.IPEndPoint> { [ready.Port] = address },
        };
        if (within is { } relayed)
        {
            endpoints = endpoints with { TcpSettle = relayed }; // the relay greets once the port inside accepted, or closes
        }

        var asked = ready.IsHttp && !checks.Checks.Any(c => c.Http?.Path == ready.Path)
            ? ChecksFile.Of(checks.Path, [ServiceCheck.Of(new HttpCheck(ready.Path, 200, null, null, null, []), 0), .. checks.Checks])
            : checks;
        var verdicts = await asked.RunAsync(endpoints, timeout.Token).ConfigureAwait(false);
        if (inside?.Problem is { } problem && verdicts.Any(v => !v.Passed))
        {
            throw new StepFailedException($"the probe inside the target got no answer: {problem}");
        }

        return verdicts;
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
