using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using DnsClient;

namespace InfraTests.Harness.Dns;

/// <summary>One run's state: counters, the first misses, and how each name is asked and judged.</summary>
internal sealed class CorpusRun(CorpusCheckSettings settings, UdpPipeline pipeline, CancellationTokenSource stop, string? corpus)
{
    private const int SilentQuestionsBeforeGivingUp = 8;

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly DateTime startedAt = DateTime.UtcNow;
    private readonly FirstMisses misses = new(settings.MissesKept);
    private readonly object counting = new();
    private readonly string server = settings.Endpoint.ServerFor(DnsTransport.Udp);
    private readonly string expected = settings.Expected;
    private long checkedCount;
    private long passed;
    private long tcpQuestions;
    private long tcpAnswers;
    private long silentQuestions;
    private ExceptionDispatchInfo? failure;

    public ExceptionDispatchInfo? Failure => Volatile.Read(ref failure);

    private CorpusExpectation Expectation => settings.Expectation;

    public async Task CheckAsync(CorpusEntry entry)
    {
        try
        {
            var prefix = Corpus.IsIPv4(entry.Subject)
                ? string.Join('.', entry.Subject.Split('.').Reverse())
                : entry.Subject;
            var miss = settings.WhitelistZones is null
                ? await CheckInZoneAsync(entry, prefix).ConfigureAwait(false)
                : await CheckInImageAsync(entry, prefix, settings.WhitelistZones).ConfigureAwait(false);
            Count(miss);
        }
        catch (DnsWire.UnaskableNameException exception)
        {
            // The name and the zone together are too long to ask about.
            Fail(new CorpusFormatException($"{(corpus is null ? "line " : corpus + ":")}{entry.Line}: {exception.Message}: fix or remove the line."));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            Fail(exception);
        }
        catch (OperationCanceledException)
        {
            // Stopped by another name's failure or by the caller.
        }
    }

    public CorpusResult Result() => new()
    {
        Corpus = corpus,
        Expectation = Expectation,
        Listing = settings.Listing,
        Checked = checkedCount,
        Passed = passed,
        MissCount = misses.Count,
        Unanswered = misses.Unanswered,
        Misses = misses.InCorpusOrder(),
        MissesKept = settings.MissesKept,
        Questions = pipeline.Questions + Interlocked.Read(ref tcpQuestions),
        Answers = Answers,
        Reasked = pipeline.Reasked,
        StartedAt = startedAt,
        Elapsed = clock.Elapsed,
        Server = server,
        Source = settings.Endpoint.Source,
        Log = settings.Endpoint.Log,
    };

    private long Answers => pipeline.Answers + Interlocked.Read(ref tcpAnswers);

    // Counted under one lock, so a progress report is a consistent snapshot; reports go out one at a time, in order.
    private void Count(CorpusMiss? miss)
    {
        lock (counting)
        {
            if (miss is null)
            {
                passed++;
            }
            else
            {
                misses.Add(miss);
            }

            checkedCount++;
            if (settings.Progress is { } progress && checkedCount % settings.ProgressEvery == 0)
            {
                progress.Report(new CorpusProgress(checkedCount, passed, misses.Count, Answers, clock.Elapsed));
            }
        }
    }

    // The first failure stops the run; the others are its consequences.
    public void Fail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null) is null)
        {
            stop.Cancel();
        }
    }

    private async Task<CorpusMiss?> CheckInZoneAsync(CorpusEntry entry, string prefix)
    {
        var zone = settings.BlocklistZones[0];
        var name = $"{prefix}.{zone}";
        var askA = AskAsync(name, QueryType.A);
        var askTxt = Expectation.ExpectsListed && Expectation.NeedsReason ? AskAsync(name, QueryType.TXT) : null;
        var a = await askA.ConfigureAwait(false);
        var txt = askTxt is null ? null : await askTxt.ConfigureAwait(false);
        if (a is null)
        {
            return Unanswered(entry, $"A ({name})");
        }

        if (!IsVerdict(a) || IsListed(a) != Expectation.ExpectsListed)
        {
            if (IsVerdict(a) && IsListed(a))
            {
                // Listed when it should not be: say with which reason, the way a single lookup does.
                var reason = await AskAsync(name, QueryType.TXT).ConfigureAwait(false);
                return Miss(entry, reason is null ? $"listed ({Addresses(a)})" : new BlocklistAnswer(entry.Subject, zone, a, reason).Verdict, a);
            }

            return Miss(entry, a.Summary, a);
        }

        if (!Expectation.ExpectsListed)
        {
            return null;
        }

        if (Expectation.Address is { } address && !HasAddress(a, address))
        {
            return Miss(entry, a.Summary, a);
        }

        if (Expectation.NeedsReason)
        {
            if (txt is null)
            {
                return Unanswered(entry, $"TXT ({name})");
            }

            if (!ReasonMatches(txt))
            {
                return Miss(entry, txt.Summary, txt);
            }
        }

        return null;
    }

    private async Task<CorpusMiss?> CheckInImageAsync(CorpusEntry entry, string prefix, IReadOnlyList<string> whitelistZones)
    {
        var blocklistZones = settings.BlocklistZones;
        var black = await AskEachAsync(prefix, blocklistZones, QueryType.A).ConfigureAwait(false);
        if (Unclear(entry, blocklistZones, black) is { } unclear)
        {
            return unclear;
        }

        var listing = Enumerable.Range(0, black.Length).Where(i => IsListed(black[i]!)).ToList();
        if (listing.Count == 0)
        {
            return Expectation.ExpectsListed
                ? Miss(entry, $"not listed ({string.Join(", ", blocklistZones.Select((z, i) => $"{z}: {black[i]!.Summary}"))})", black[0])
                : null;
        }

        var white = await AskEachAsync(prefix, whitelistZones, QueryType.A).ConfigureAwait(false);
        if (Unclear(entry, whitelistZones, white) is { } unclearWhite)
        {
            return unclearWhite;
        }

        var whitelisting = Enumerable.Range(0, white.Length).Where(i => IsListed(white[i]!)).ToList();
        var listedIn = string.Join(" and ", listing.Select(i => $"{blocklistZones[i]} ({Addresses(black[i]!)})"));
        if (Expectation.ExpectsListed)
        {
            if (whitelisting.Count > 0)
            {
                var whitelistedIn = string.Join(" and ", whitelisting.Select(i => $"{whitelistZones[i]} ({Addresses(white[i]!)})"));
                return Miss(entry, $"listed in {listedIn} but whitelisted in {whitelistedIn}", white[whitelisting[0]]);
            }

            if (Expectation.Address is { } address && !listing.Any(i => HasAddress(black[i]!, address)))
            {
                return Miss(entry, $"listed in {listedIn}", black[listing[0]]);
            }

            if (Expectation.NeedsReason)
            {
                var reasons = await AskEachAsync(prefix, listing.Select(i => blocklistZones[i]).ToList(), QueryType.TXT).ConfigureAwait(false);
                if (Array.FindIndex(reasons, r => r is null) is var lost and >= 0)
                {
                    return Unanswered(entry, $"TXT ({prefix}.{blocklistZones[listing[lost]]})");
                }

                if (!reasons.Any(r => ReasonMatches(r!)))
                {
                    return Miss(entry, $"listed in {string.Join(" and ", listing.Select((i, n) => $"{blocklistZones[i]} with {reasons[n]!.Summary}"))}", reasons[0]);
                }
            }

            return null;
        }

        if (whitelisting.Count > 0)
        {
            return null;
        }

        var why = await AskEachAsync(prefix, listing.Select(i => blocklistZones[i]).ToList(), QueryType.TXT).ConfigureAwait(false);
        var blocked = string.Join(" and ", listing.Select((i, n) => $"{blocklistZones[i]} ({Addresses(black[i]!)}{(why[n]?.Texts.FirstOrDefault() is { } reason ? $", \"{reason}\"" : string.Empty)})"));
        return Miss(entry, $"blocked: listed in {blocked}, not whitelisted", black[listing[0]]);
    }

    private CorpusMiss? Unclear(CorpusEntry entry, IReadOnlyList<string> zones, DnsAnswer?[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is not { } answer)
            {
                return Unanswered(entry, $"A in {zones[i]}");
            }

            if (!IsVerdict(answer))
            {
                return Miss(entry, $"{zones[i]}: {answer.Summary}", answer);
            }
        }

        return null;
    }

    private Task<DnsAnswer?[]> AskEachAsync(string prefix, IReadOnlyList<string> zones, QueryType type) =>
        Task.WhenAll(zones.Select(zone => AskAsync($"{prefix}.{zone}", type)));

    private async Task<DnsAnswer?> AskAsync(string name, QueryType type)
    {
        var askedAt = DateTime.UtcNow;
        var sentAt = Stopwatch.GetTimestamp();
        var query = DnsWire.Query(0, name, type);
        var response = await pipeline.AskAsync(query, settings.Timeout, settings.Retries, stop.Token).ConfigureAwait(false);
        if (response is not null && !(DnsWire.IsTruncated(response) && settings.Endpoint.TcpPort is not null))
        {
            return DnsWire.Read(response, name, type, query.Length - DnsWire.HeaderLength, settings.Endpoint, askedAt);
        }

        var answer = await AskOverTcpAsync(name, type).ConfigureAwait(false);

        // One lost question is a miss to report; several that waited out their whole retry cycle while the server
        // answered nothing at all mean it is gone: stop, rather than wait a cycle for every name left.
        if (answer is null && pipeline.LastAnswerTimestamp < sentAt && Interlocked.Increment(ref silentQuestions) >= SilentQuestionsBeforeGivingUp)
        {
            throw new InfraTestsException(string.Create(
                CultureInfo.InvariantCulture,
                $"{server} stopped answering: not one answer to any question for {Stopwatch.GetElapsedTime(sentAt).TotalSeconds:0.0} s, after {Volatile.Read(ref checkedCount)} names checked ({Volatile.Read(ref passed)} passed); image {settings.Endpoint.Source.ShortReference}, {settings.Endpoint.Source.DaemonVersion}. See the daemon's log."));
        }

        return answer;
    }

    // The question again over TCP when the image serves DNS over TCP (rbldnsd does not): a last try before "unanswered",
    // and the way to a whole answer when UDP truncated it.
    private async Task<DnsAnswer?> AskOverTcpAsync(string name, QueryType type)
    {
        if (settings.Endpoint.TcpPort is null)
        {
            return null;
        }

        Interlocked.Increment(ref tcpQuestions);
        try
        {
            var answer = await settings.Endpoint.QueryAsync(name, type, DnsTransport.Tcp, cancellationToken: stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref tcpAnswers);
            return answer;
        }
        catch (Exception exception) when (exception is DnsResponseException or SocketException)
        {
            return null;
        }
    }

    private CorpusMiss Miss(CorpusEntry entry, string answered, DnsAnswer? answer) =>
        new(entry.Subject, entry.Line, expected, answered, false, answer);

    private CorpusMiss Unanswered(CorpusEntry entry, string question) =>
        new(entry.Subject, entry.Line, expected, $"no answer to {question} after {settings.Retries + 1} tries over UDP{(settings.Endpoint.TcpPort is null ? string.Empty : " and one over TCP")}", true, null);

    private bool ReasonMatches(DnsAnswer txt) =>
        (Expectation.Reason is not { } reason || txt.Texts.Contains(reason, StringComparer.Ordinal))
        && (Expectation.ReasonFragment is not { } fragment || txt.Texts.Any(t => t.Contains(fragment, StringComparison.Ordinal)));

    // An error response (SERVFAIL, REFUSED…) says nothing about a listing: it is a miss whatever was expected.
    private static bool IsVerdict(DnsAnswer answer) => answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NotExistentDomain;

    private static bool IsListed(DnsAnswer answer) => answer.ResponseCode == DnsResponseCode.NoError && answer.Answers.Any(r => r is DnsClient.Protocol.ARecord);

    private static bool HasAddress(DnsAnswer answer, string address) => answer.Addresses.Any(a => a.ToString() == address);

    private static string Addresses(DnsAnswer answer) => string.Join(", ", answer.Addresses);
}
