using System.Diagnostics;
using System.Text.Json;

namespace InfraTests.Cli.Tests;

/// <summary>
/// Watches a rollout's journal from outside, as a test that kills the rollout at a step must: the journal's steps log
/// (<c>journal/ID/steps.jsonl</c>) gains a line before each step of each target begins.
/// </summary>
internal static class JournalSteps
{
    /// <summary>
    /// Polls the journals under <paramref name="records"/> until a line says target <paramref name="index"/> (counted from 0)
    /// is at <paramref name="step"/>, and returns that line; a <see cref="TimeoutException"/> with the last line read after
    /// <paramref name="deadline"/>.
    /// </summary>
    // bound: a poll for the event (the line), every 50 ms, for the caller's deadline.
    public static async Task<string> WaitForAsync(string records, int index, string step, TimeSpan deadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = "no journal yet";
        var journals = Path.Combine(records, "journal");
        while (clock.Elapsed < deadline)
        {
            foreach (var file in Directory.Exists(journals) ? Directory.EnumerateFiles(journals, "steps.jsonl", SearchOption.AllDirectories) : [])
            {
                try
                {
                    foreach (var line in File.ReadAllLines(file).Where(l => l.EndsWith('}')).Reverse())
                    {
                        var entry = JsonDocument.Parse(line).RootElement;
                        if (entry.GetProperty("index").GetInt32() == index)
                        {
                            last = line;
                            if (entry.GetProperty("target").GetProperty("step").GetString() == step)
                            {
                                return line;
                            }

                            break;
                        }
                    }
                }
                catch (Exception exception) when (exception is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    // Being appended to while read: look again.
                }
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"the journal did not name target {index + 1} at {step} within {deadline}: {last}");
    }
}
