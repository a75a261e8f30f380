using DnsClient;

namespace InfraTests.Harness.Dns;

/// <summary>
/// What a blocklist said about one host or address: listed or not, the A value (the list's return code) and the TXT
/// reason, from two real answers.
/// </summary>
/// <param name="Subject">The host name or address asked about, e.g. <c>sh8.mailingliststart.com</c>.</param>
/// <param name="Zone">The blocklist zone, e.g. <c>senderhost.bl.rbl</c>.</param>
/// <param name="A">The A answer: the verdict.</param>
/// <param name="Txt">The TXT answer: the reason.</param>
public sealed record BlocklistAnswer(string Subject, string Zone, DnsAnswer A, DnsAnswer Txt)
{
    /// <summary>True when the zone returns an A record for the subject: how an MTA decides "listed".</summary>
    public bool IsListed => A.ResponseCode == DnsResponseCode.NoError && A.Addresses.Count > 0;

    /// <summary>The A value, e.g. <c>127.0.0.2</c>, or null when not listed.</summary>
    public string? Address => A.Addresses.FirstOrDefault()?.ToString();

    /// <summary>The TXT reason, after the daemon's template substitution, or null when none.</summary>
    public string? Reason => Txt.Texts.FirstOrDefault();

    /// <summary>One line: <c>listed (127.0.0.2, "spam from this host")</c>, <c>not listed (NXDOMAIN)</c>.</summary>
    public string Verdict => IsListed
        ? $"listed ({Address}{(Reason is null ? string.Empty : $", \"{Reason}\"")})"
        : $"not listed ({A.Summary})";
}
