namespace InfraTests.Harness.Dns;

/// <summary>
/// One name of a corpus whose answer did not meet the expectation, or that went unanswered: what was expected and what the
/// server said, in words, with the deciding answer when there was one.
/// </summary>
/// <param name="Subject">The host name or IP address, e.g. <c>spamtrap-000017.corpus.example</c>.</param>
/// <param name="Line">Its line in the corpus.</param>
/// <param name="Expected">What it should have got, e.g. <c>listed in senderhost.bl.rbl with TXT "Spam trap hit"</c>.</param>
/// <param name="Answered">What the server answered, e.g. <c>NXDOMAIN</c>, <c>NOERROR with TXT "…"</c>, or <c>no answer to A after 4 tries</c>.</param>
/// <param name="Unanswered">True when no answer came, over UDP after every retry (and TCP where the image serves it).</param>
/// <param name="Answer">The answer that decided the miss, or null when none came.</param>
public sealed record CorpusMiss(string Subject, long Line, string Expected, string Answered, bool Unanswered, DnsAnswer? Answer)
{
    /// <summary>One line: <c>spamtrap-000017.corpus.example: NXDOMAIN</c>.</summary>
    public override string ToString() => $"{Subject}: {Answered}";
}
