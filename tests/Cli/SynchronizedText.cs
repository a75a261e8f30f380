using System.Diagnostics;
using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>A writer a command writes to from several threads (watch loop, webhook receiver) while the test reads it.</summary>
internal sealed class SynchronizedText : StringWriter
{
    private readonly object gate = new();

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            base.WriteLine(value);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }

    /// <summary>Waits (30 s at most) until <paramref name="text"/> has been written <paramref name="count"/> times.</summary>
    public async Task WaitForAsync(string text, int count = 1)
    {
        var clock = Stopwatch.StartNew();
        while (CountOf(text) < count)
        {
            // bound: a poll for the line (the event), every 20 ms. The lines awaited come from a command in this process
            // (watch: a container started, then each save's verdict), seconds apart; 30 s covers a loaded machine, and the
            // failure prints everything written so far.
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the command should have printed {0} {1} time(s) by now; it printed:\n{2}", text, count, ToString());
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private int CountOf(string text)
    {
        var all = ToString();
        var found = 0;
        for (var at = all.IndexOf(text, StringComparison.Ordinal); at >= 0; at = all.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            found++;
        }

        return found;
    }
}
