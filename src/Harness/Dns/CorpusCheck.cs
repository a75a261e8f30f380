using System.Net;

namespace InfraTests.Harness.Dns;

/// <summary>
/// Checks a whole corpus against one blocklist zone, or against an image's blocklist and whitelist zones the way
/// <see cref="HostCheck"/> judges one host: streamed (memory stays flat however long the corpus), a bounded number of
/// questions in flight over one long-lived UDP socket, every answer verified against the expectation one by one. A lost answer is
/// asked again (and over TCP where the image serves it) before the name counts as unanswered, never as "not listed".
/// An immutable builder: each <c>WithX</c> returns a new check.
/// </summary>
public sealed class CorpusCheck
{
    private readonly CorpusCheckSettings settings;

    private CorpusCheck(CorpusCheckSettings settings) => this.settings = settings;

    /// <summary>What every name must get, in words: <c>listed in senderhost.bl.rbl with TXT "…"</c> or <c>not blocked (…)</c>.</summary>
    public string Expected => settings.Expected;

    /// <summary>Every name of the corpus is asked of <paramref name="blocklist"/>'s zone and judged by <paramref name="expectation"/>.</summary>
    public static CorpusCheck Against(Blocklist blocklist, CorpusExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(blocklist);
        ArgumentNullException.ThrowIfNull(expectation);
        return new CorpusCheck(new CorpusCheckSettings(blocklist.Endpoint, [blocklist.Zone], null, expectation));
    }

    /// <summary>
    /// Every name is asked of each blocklist zone, and of each whitelist zone when a blocklist lists it: listed means blocked
    /// (listed in a blocklist zone and in no whitelist zone), as <c>infratests check</c> judges it. Use it with the zones the
    /// image declares (<c>service.Image.Contract.BlocklistZones</c>, <c>WhitelistZones</c>).
    /// </summary>
    public static CorpusCheck Against(DnsEndpoint endpoint, IReadOnlyList<string> blocklistZones, IReadOnlyList<string> whitelistZones, CorpusExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(expectation);
        if (blocklistZones is not { Count: > 0 })
        {
            throw new ArgumentException("A corpus is checked against at least one blocklist zone.", nameof(blocklistZones));
        }

        return new CorpusCheck(new CorpusCheckSettings(endpoint, [.. blocklistZones.Select(Zone)], [.. whitelistZones.Select(Zone)], expectation));
    }

    /// <summary>At most <paramref name="count"/> questions in flight at once (default 64: more makes the UDP proxy drop answers).</summary>
    public CorpusCheck WithQuestionsInFlight(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(settings with { QuestionsInFlight = count });
    }

    /// <summary>
    /// Questions spread over <paramref name="count"/> UDP sockets, each read by a thread of its own (default 1: on two cores
    /// one socket answered faster than four through Docker's UDP proxy, at half the CPU).
    /// </summary>
    public CorpusCheck WithSockets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(settings with { Sockets = count });
    }

    /// <summary>Keep the first <paramref name="count"/> misses, in corpus order, to show (default 20); all are counted.</summary>
    public CorpusCheck WithMissesKept(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(settings with { MissesKept = count });
    }

    /// <summary>
    /// Wait <paramref name="firstTry"/> for an answer (default 0.5 s), then ask again up to <paramref name="retries"/> times
    /// (default 3), doubling the wait each time.
    /// </summary>
    public CorpusCheck WithTimeout(TimeSpan firstTry, int retries = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstTry, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        return new(settings with { Timeout = firstTry, Retries = retries });
    }

    /// <summary>Report to <paramref name="progress"/> every <paramref name="every"/> names checked, one report at a time.</summary>
    public CorpusCheck WithProgress(IProgress<CorpusProgress> progress, int every = 10_000)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        return new(settings with { Progress = progress, ProgressEvery = every });
    }

    /// <summary>
    /// Asks about every name of <paramref name="corpus"/> as it is read and returns the counts and the first misses. A
    /// corpus line that cannot be asked about stops the check with a <see cref="CorpusFormatException"/>; a server that has
    /// stopped answering (several questions waited out their whole retry cycle without a single answer arriving) stops it
    /// with an <see cref="InfraTestsException"/>.
    /// </summary>
    public async Task<CorpusResult> RunAsync(Corpus corpus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipeline = new UdpPipeline(new IPEndPoint(settings.Endpoint.Address, settings.Endpoint.UdpPort), settings.Sockets);
        await using (pipeline.ConfigureAwait(false))
        {
            var run = new CorpusRun(settings, pipeline, stop, corpus.Name);
            var entries = corpus.GetAsyncEnumerator(stop.Token);
            await using (entries.ConfigureAwait(false))
            {
                using var reading = new SemaphoreSlim(1, 1);
                var workers = new Task[settings.NamesInFlight];
                for (var i = 0; i < workers.Length; i++)
                {
                    workers[i] = CheckEachAsync(run, entries, reading, stop.Token);
                }

                // Every name in flight finishes (or is cancelled) before the sockets close. The last name finishes on the
                // pipeline's reading (or re-asking) thread: the rest, closing that thread's socket, runs on the pool.
                await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }

            run.Failure?.Throw();
            cancellationToken.ThrowIfCancellationRequested();
            return run.Result();
        }
    }

    // One of the names in flight: takes the next name of the corpus as soon as the last is judged. After the first name it
    // runs on the thread that read the last answer, so a name's judgement, the next name and its first question make no
    // hop through the thread pool.
    private static async Task CheckEachAsync(CorpusRun run, IAsyncEnumerator<CorpusEntry> entries, SemaphoreSlim reading, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                CorpusEntry entry;
                await reading.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    if (!await entries.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }

                    entry = entries.Current;
                }
                finally
                {
                    reading.Release();
                }

                await run.CheckAsync(entry).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // A bad corpus line or a failed read: the run reports it.
            run.Fail(exception);
        }
        catch (OperationCanceledException)
        {
            // Stopped by a failure or by the caller.
        }
    }

    private static string Zone(string zone) => zone.Trim().TrimEnd('.');
}
