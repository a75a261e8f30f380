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
    private readonly IPAddress? address = settings.Expectation.Address is { } text ? IPAddress.Parse(text) : null;

    // Each zone's labels in wire form, encoded once for the whole run.
    private readonly Dictionary<string, byte[]?> zoneLabels = settings.BlocklistZones.Concat(settings.WhitelistZones ?? [])
        .Distinct(StringComparer.Ordinal).ToDictionary(zone => zone, DnsWire.Labels, StringComparer.Ordinal);
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
            var prefix = ReversedAddress.OfSubject(entry.Subject);
            var subject = new Subject(prefix, DnsWire.Labels(prefix));
            var miss = settings.WhitelistZones is null
                ? await CheckInZoneAsync(entry, subject).ConfigureAwait(false)
                : await CheckInImageAsync(entry, subject, settings.WhitelistZones).ConfigureAwait(false);
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

    private async Task<CorpusMiss?> CheckInZoneAsync(CorpusEntry entry, Subject subject)
    {
        var zone = settings.BlocklistZones[0];
        var name = $"{subject.Prefix}.{zone}";
        var askA = AskAsync(subject, zone, QueryType.A);
        var askTxt = Expectation.ExpectsListed && Expectation.NeedsReason ? AskAsync(subject, zone, QueryType.TXT) : null;
        var a = await askA.ConfigureAwait(false);
        var txt = askTxt is null ? null : await askTxt.ConfigureAwait(false);
        if (a is null)
        {
            return Unanswered(entry, $"A ({name})");
        }

        if (!a.IsVerdict || a.IsListed != Expectation.ExpectsListed)
        {
            if (a.IsVerdict && a.IsListed)
            {
                // Listed when it should not be: say with which reason, the way a single lookup does.
                var reason = await AskAsync(subject, zone, QueryType.TXT).ConfigureAwait(false);
                return Miss(entry, reason is null ? $"listed ({a.Addresses})" : new BlocklistAnswer(entry.Subject, zone, a.Full, reason.Full).Verdict, a);
            }

            return Miss(entry, a.Summary, a);
        }

        if (!Expectation.ExpectsListed)
        {
            return null;
        }

        if (address is not null && !a.HasAddress(address))
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

    private async Task<CorpusMiss?> CheckInImageAsync(CorpusEntry entry, Subject subject, IReadOnlyList<string> whitelistZones)
    {
        var prefix = subject.Prefix;
        var blocklistZones = settings.BlocklistZones;
        var black = await AskEachAsync(subject, blocklistZones, QueryType.A).ConfigureAwait(false);
        if (Unclear(entry, blocklistZones, black) is { } unclear)
        {
            return unclear;
        }

        var listing = Enumerable.Range(0, black.Length).Where(i => black[i]!.IsListed).ToList();
        if (listing.Count == 0)
        {
            return Expectation.ExpectsListed
                ? Miss(entry, $"not listed ({string.Join(", ", blocklistZones.Select((z, i) => $"{z}: {black[i]!.Summary}"))})", black[0])
                : null;
        }

        var white = await AskEachAsync(subject, whitelistZones, QueryType.A).ConfigureAwait(false);
        if (Unclear(entry, whitelistZones, white) is { } unclearWhite)
        {
            return unclearWhite;
        }

        var whitelisting = Enumerable.Range(0, white.Length).Where(i => white[i]!.IsListed).ToList();
        var listedIn = string.Join(" and ", listing.Select(i => $"{blocklistZones[i]} ({black[i]!.Addresses})"));
        if (Expectation.ExpectsListed)
        {
            if (whitelisting.Count > 0)
            {
                var whitelistedIn = string.Join(" and ", whitelisting.Select(i => $"{whitelistZones[i]} ({white[i]!.Addresses})"));
                return Miss(entry, $"listed in {listedIn} but whitelisted in {whitelistedIn}", white[whitelisting[0]]);
            }

            if (address is not null && !listing.Any(i => black[i]!.HasAddress(address)))
            {
                return Miss(entry, $"listed in {listedIn}", black[listing[0]]);
            }

            if (Expectation.NeedsReason)
            {
                var reasons = await AskEachAsync(subject, listing.Select(i => blocklistZones[i]).ToList(), QueryType.TXT).ConfigureAwait(false);
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

        var why = await AskEachAsync(subject, listing.Select(i => blocklistZones[i]).ToList(), QueryType.TXT).ConfigureAwait(false);
        var blocked = string.Join(" and ", listing.Select((i, n) => $"{blocklistZones[i]} ({black[i]!.Addresses}{(why[n]?.Texts.FirstOrDefault() is { } reason ? $", \"{reason}\"" : string.Empty)})"));
        return Miss(entry, $"blocked: listed in {blocked}, not whitelisted", black[listing[0]]);
    }

    private CorpusMiss? Unclear(CorpusEntry entry, IReadOnlyList<string> zones, CorpusAnswer?[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is not { } answer)
            {
                return Unanswered(entry, $"A in {zones[i]}");
            }

            if (!answer.IsVerdict)
            {
                return Miss(entry, $"{zones[i]}: {answer.Summary}", answer);
            }
        }

        return null;
    }

    private Task<CorpusAnswer?[]> AskEachAsync(Subject subject, IReadOnlyList<string> zones, QueryType type)
    {
        var asks = new Task<CorpusAnswer?>[zones.Count];
        for (var i = 0; i < asks.Length; i++)
        {
            asks[i] = AskAsync(subject, zones[i], type);
        }

        return Task.WhenAll(asks);
    }

    private async Task<CorpusAnswer?> AskAsync(Subject subject, string zone, QueryType type)
    {
        var askedAt = DateTime.UtcNow;
        var sentAt = Stopwatch.GetTimestamp();
        var query = (subject.Labels is { } labels && zoneLabels[zone] is { } zoneWire ? DnsWire.Query(labels, zoneWire, type) : null)
            ?? DnsWire.Query(0, $"{subject.Prefix}.{zone}", type); // says why the name cannot be asked
        var response = await pipeline.AskAsync(query, settings.Timeout, settings.Retries, stop.Token).ConfigureAwait(false);
        if (response is not null && !(DnsWire.IsTruncated(response) && settings.Endpoint.TcpPort is not null))
        {
            return CorpusAnswer.Read(response, query.Length - DnsWire.HeaderLength, new CorpusAnswer.Asked(subject.Prefix, zone, type, settings.Endpoint, askedAt));
        }

        var answer = await AskOverTcpAsync($"{subject.Prefix}.{zone}", type).ConfigureAwait(false);

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
    private async Task<CorpusAnswer?> AskOverTcpAsync(string name, QueryType type)
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
            return CorpusAnswer.From(answer);
        }
        catch (Exception exception) when (exception is DnsResponseException or SocketException)
        {
            return null;
        }
    }

    private CorpusMiss Miss(CorpusEntry entry, string answered, CorpusAnswer? answer) =>
        new(entry.Subject, entry.Line, expected, answered, false, answer?.Full);

    private CorpusMiss Unanswered(CorpusEntry entry, string question) =>
        new(entry.Subject, entry.Line, expected, $"no answer to {question} after {settings.Retries + 1} tries over UDP{(settings.Endpoint.TcpPort is null ? string.Empty : " and one over TCP")}", true, null);

    private bool ReasonMatches(CorpusAnswer txt) =>
        (Expectation.Reason is not { } reason || txt.Texts.Contains(reason, StringComparer.Ordinal))
        && (Expectation.ReasonFragment is not { } fragment || txt.Texts.Any(t => t.Contains(fragment, StringComparison.Ordinal)));

    /// <summary>A corpus name as it is asked: its prefix (the name, or an address's octets reversed) and its labels in wire form, encoded once.</summary>
    private readonly record struct Subject(string Prefix, byte[]? Labels);
}
