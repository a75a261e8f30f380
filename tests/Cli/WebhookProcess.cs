using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using FluentAssertions;
using InfraTests.Rollout.Push;

namespace InfraTests.Cli.Tests;

/// <summary>
/// A running <c>infratests webhook</c> process: its output lines as they come, where it listens, signed deliveries sent to
/// it over HTTP, a polite stop (SIGTERM) and a hard one (SIGKILL, as the OOM killer or a power cut would).
/// </summary>
internal sealed class WebhookProcess : IDisposable
{
    // bound: the receiver's own startup and answers take well under a second; a loaded shared CI machine gets a minute.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private WebhookProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>infratests webhook <paramref name="args"/></c>.</summary>
    public static WebhookProcess Start(string[] args) => new(CliProcess.StartLongRunning(["webhook", .. args]));

    /// <summary>Starts <c>infratests <paramref name="args"/></c>, any command that runs until stopped (<c>status --watch</c>).</summary>
    public static WebhookProcess StartCommand(string[] args) => new(CliProcess.StartLongRunning(args));

    /// <summary>Every line the receiver wrote so far, stdout and stderr together.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>Where the receiver listens, once it says so.</summary>
    public async Task<Uri> EndpointAsync()
    {
        var line = await WaitForLineAsync(l => l.StartsWith("listening on ", StringComparison.Ordinal));
        return new Uri(line["listening on ".Length..]);
    }

    /// <summary>Waits for the first line matching <paramref name="match"/>; fails when the receiver exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? patience = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            // bound: a poll for the line (the event), every 50 ms, for Patience (see there) unless the caller gives its own.
            clock.Elapsed.Should().BeLessThan(patience ?? Patience, "the receiver says so: {0}", this);
            process.HasExited.Should().BeFalse("the receiver runs until stopped: {0}", this);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Posts a GitHub push delivery of <paramref name="body"/> under <paramref name="delivery"/>, signed with <paramref name="secret"/> (unsigned when null).</summary>
    public static async Task<(HttpStatusCode Status, string Text)> PostAsync(HttpClient http, Uri endpoint, byte[] body, string delivery, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (secret is not null)
        {
            request.Headers.Add(PushSignature.GitHubHeader, PushSignature.Sign(Encoding.UTF8.GetBytes(secret), body));
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n'));
    }

    /// <summary>A push of <paramref name="revision"/> to main, as GitHub sends it.</summary>
    public static byte[] Push(string revision, string branch = "main") => Encoding.UTF8.GetBytes(
        $$$"""{"ref":"refs/heads/{{{branch}}}","before":"{{{new string('1', 40)}}}","after":"{{{revision}}}","repository":{"full_name":"ops/rbldnsd","clone_url":"https://forge.example.net/ops/rbldnsd.git"}}""");

    /// <summary>Stops the receiver as Ctrl+C or a service manager would (SIGTERM) and returns its exit code.</summary>
    public int Stop()
    {
        Signal("-TERM");

        // bound: a guard on the wait for its exit (the event). An orderly stop cancels the running rollout and waits for its
        // restore: up to a step timeout (60 s) and some; past 90 s it is killed, and the exit code then tells.
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Stops the process as Ctrl+C on its terminal would (SIGINT) and returns its exit code.</summary>
    public int Interrupt()
    {
        Signal("-INT");

        // bound: a guard on the wait for its exit (the event); a watch ends at once, 30 s is room for a loaded machine.
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the receiver alone with SIGKILL: no cleanup runs, its children (a gate, git) are left as a crash leaves them.</summary>
    public void Kill()
    {
        Signal("-KILL");
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    public override string ToString() => string.Join(Environment.NewLine, lines);

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
