using System.Diagnostics;
using System.Globalization;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// git as a rollout runs it: against one repository, never asking for credentials (no terminal prompt, no askpass
/// program, no credential helper, ssh in batch mode, no standard input), within a timeout (<c>INFRATESTS_GIT_TIMEOUT</c>
/// seconds, 120 by default), and stopped with every process it started on timeout or Ctrl+C.
/// </summary>
internal static class GitCommand
{
    private const string TimeoutVariable = "INFRATESTS_GIT_TIMEOUT";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs git in <paramref name="repository"/>; with <paramref name="readOutput"/>, its standard output goes there.</summary>
    public static async Task<(bool Succeeded, string Output, string Error)> RunAsync(
        string repository, IEnumerable<string> arguments, Func<Stream, CancellationToken, Task>? readOutput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git");
        foreach (var argument in (string[])["-c", "credential.helper=", "-c", "core.askPass=", "-C", repository, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "/bin/true";
        start.Environment["SSH_ASKPASS"] = string.Empty;
        start.Environment["SSH_ASKPASS_REQUIRE"] = "never";
        start.Environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        try
        {
            var (exitCode, output, error) = await ChildProcess.RunAsync(start, Timeout(), readOutput, cancellationToken).ConfigureAwait(false);
            return (exitCode == 0, output, error);
        }
        catch (TimeoutException exception)
        {
            throw new InfraTestsException($"git {arguments.FirstOrDefault()} did not finish within {Harness.Text.Words.Seconds(Timeout())}: it was stopped; check that {repository}'s remotes answer, or raise {TimeoutVariable} (seconds).", exception);
        }
    }

    private static TimeSpan Timeout() =>
        Environment.GetEnvironmentVariable(TimeoutVariable) is not { Length: > 0 } text ? DefaultTimeout
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds)
        : throw new InfraTestsException($"{TimeoutVariable}='{text}': give the seconds a git call may take, e.g. {TimeoutVariable}=300.");
}
