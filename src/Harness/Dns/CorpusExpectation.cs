using System.Net;

namespace InfraTests.Harness.Dns;

/// <summary>
/// What every name of a corpus must get: <see cref="Listed"/> (optionally with an A value and a TXT reason) or
/// <see cref="NotListed"/>. Checked against one zone it means listed in that zone; against an image's zones it means
/// blocked (listed in a blocklist zone and in no whitelist zone), the verdict a mail server acts on.
/// </summary>
public sealed record CorpusExpectation
{
    private CorpusExpectation(bool expectsListed) => ExpectsListed = expectsListed;

    /// <summary>Every name is listed (blocked, against an image's zones).</summary>
    public static CorpusExpectation Listed { get; } = new(true);

    /// <summary>No name is listed (blocked, against an image's zones): NXDOMAIN or no A record, never an error or no answer.</summary>
    public static CorpusExpectation NotListed { get; } = new(false);

    /// <summary>True for <see cref="Listed"/> and its refinements.</summary>
    public bool ExpectsListed { get; }

    /// <summary>The A value every listing must answer, e.g. <c>127.0.0.2</c>, or null for any.</summary>
    public string? Address { get; private init; }

    /// <summary>The exact TXT reason every listing must answer (after the daemon's <c>$</c> substitution), or null for any.</summary>
    public string? Reason { get; private init; }

    /// <summary>A fragment every listing's TXT reason must contain, or null for any.</summary>
    public string? ReasonFragment { get; private init; }

    /// <summary>True when a TXT question must be asked for each name.</summary>
    internal bool NeedsReason => Reason is not null || ReasonFragment is not null;

    /// <summary>Each listing answers <paramref name="address"/> as its A value.</summary>
    public CorpusExpectation WithAddress(string address)
    {
        EnsureListed(nameof(WithAddress));
        if (!Corpus.IsIPv4(address))
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address; a listing's A value looks like 127.0.0.2.", nameof(address));
        }

        return this with { Address = IPAddress.Parse(address).ToString() };
    }

    /// <summary>Each listing answers exactly <paramref name="reason"/> as its TXT.</summary>
    public CorpusExpectation WithReason(string reason)
    {
        EnsureListed(nameof(WithReason));
        ArgumentNullException.ThrowIfNull(reason);
        return this with { Reason = reason };
    }

    /// <summary>Each listing's TXT contains <paramref name="fragment"/>.</summary>
    public CorpusExpectation WithReasonContaining(string fragment)
    {
        EnsureListed(nameof(WithReasonContaining));
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        return this with { ReasonFragment = fragment };
    }

    /// <summary>The refinements as words: <c> with A 127.0.0.2 and TXT "Spam trap hit"</c>, or empty.</summary>
    public string Details
    {
        get
        {
            var parts = new List<string>(3);
            if (Address is not null)
            {
                parts.Add($"A {Address}");
            }

            if (Reason is not null)
            {
                parts.Add($"TXT \"{Reason}\"");
            }

            if (ReasonFragment is not null)
            {
                parts.Add($"a TXT containing \"{ReasonFragment}\"");
            }

            return parts.Count == 0 ? string.Empty : " with " + string.Join(" and ", parts);
        }
    }

    /// <inheritdoc />
    public override string ToString() => (ExpectsListed ? "listed" : "not listed") + Details;

    private void EnsureListed(string refinement)
    {
        if (!ExpectsListed)
        {
            throw new InvalidOperationException($"{refinement} refines a listing: use it on CorpusExpectation.Listed, not NotListed.");
        }
    }
}
