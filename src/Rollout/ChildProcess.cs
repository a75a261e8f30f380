using System.Diagnostics;
using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// A program the rollout runs on this machine (git, a gate command): no standard input (it can never wait for a person),
/// and when its time is up or the run is cancelled, it and every process it started are killed and awaited before the
/// call returns, so nothing of it is left running.
/// </summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="start"/> (its output and error are read here) for at most <paramref name="limit"/>;
    /// <paramref name="readOutput"/>, when given, consumes standard output instead of collecting it as text. Throws
    /// <see cref="TimeoutException"/> past the limit and <see cref="OperationCanceledException"/> when cancelled, both after
    /// the process tree is gone.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        ProcessStartInfo start, TimeSpan limit, Func<Stream, CancellationToken, Task>? readOutput, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InfraTestsException($"{start.FileName} did not start: install it.");
        process.StandardInput.Close();

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        var error = process.StandardError.ReadToEndAsync(bounded.Token);
        var output = Task.FromResult(string.Empty);
        try
        {
            if (readOutput is null)
            {
                output = process.StandardOutput.ReadToEndAsync(bounded.Token);
            }
            else
            {
                await readOutput(process.StandardOutput.BaseStream, bounded.Token).ConfigureAwait(false);
            }

            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
            return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (Exception exception) when (bounded.IsCancellationRequested || exception is not OperationCanceledException)
        {
            await ProcessTree.KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (bounded.IsCancellationRequested)
            {
                throw new TimeoutException($"{Path.GetFileName(start.FileName)} did not finish within {Words.Seconds(limit)} (it was stopped, with every process it started)", exception);
            }

            throw;
        }
    }
}
