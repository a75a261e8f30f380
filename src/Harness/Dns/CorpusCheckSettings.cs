namespace InfraTests.Harness.Dns;

/// <summary>What a <see cref="CorpusCheck"/> asks, of whom, how hard, and what it expects: immutable, one <c>with</c> per setting.</summary>
internal sealed record CorpusCheckSettings(DnsEndpoint Endpoint, IReadOnlyList<string> BlocklistZones, IReadOnlyList<string>? WhitelistZones, CorpusExpectation Expectation)
{
    public int QuestionsInFlight { get; init; } = 64;

    public int Sockets { get; init; } = 1;

    /// <summary>
    /// Names checked at once: as many as keep at most <see cref="QuestionsInFlight"/> questions in flight, a name asking
    /// all the questions of a stage at once (A and TXT of one zone; or each blocklist zone, then each whitelist zone).
    /// </summary>
    public int NamesInFlight => Math.Max(1, QuestionsInFlight / QuestionsAtOnce);

    private int QuestionsAtOnce => WhitelistZones is null
        ? (Expectation.ExpectsListed && Expectation.NeedsReason ? 2 : 1)
        : Math.Max(BlocklistZones.Count, WhitelistZones.Count);

    public int MissesKept { get; init; } = 20;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public int Retries { get; init; } = 3;

    public IProgress<CorpusProgress>? Progress { get; init; }

    public int ProgressEvery { get; init; } = 10_000;

    /// <summary>What every name must get, in words: <c>listed in senderhost.bl.rbl with TXT "…"</c> or <c>not blocked (…)</c>.</summary>
    public string Expected => Expectation.ExpectsListed ? Listing : "not " + Listing;

    /// <summary>The listing in words, without the "not".</summary>
    public string Listing
    {
        get
        {
            var details = Expectation.Details;
            if (WhitelistZones is null)
            {
                return $"listed in {BlocklistZones[0]}{details}";
            }

            var whitelists = WhitelistZones.Count == 0 ? string.Empty : $", not whitelisted in {string.Join(" or ", WhitelistZones)}";
            return $"blocked{details} (listed in {string.Join(" or ", BlocklistZones)}{whitelists})";
        }
    }
}
