namespace InfraTests.Harness.Checks;

/// <summary>One line of a service's checks file: a name that must be listed (optionally in one zone, with one reason) or must stay clean.</summary>
/// <param name="Name">The host name or IPv4 address asked about.</param>
/// <param name="MustBeListed">True: must be blocked (listed, not whitelisted); false: must not be blocked.</param>
/// <param name="Zone">The blocklist zone it must be listed in, or null for any of the image's blocklist zones.</param>
/// <param name="Reason">The TXT reason it must be listed with, or null for any.</param>
/// <param name="Line">The line of the checks file it came from.</param>
public sealed record ServiceCheck(string Name, bool MustBeListed, string? Zone, string? Reason, int Line)
{
    /// <summary>The expectation as a sentence, e.g. <c>sh8.mailingliststart.com listed in senderhost.bl.rbl</c>.</summary>
    public override string ToString() => MustBeListed
        ? $"{Name} listed{(Zone is null ? string.Empty : $" in {Zone}")}{(Reason is null ? string.Empty : $" with \"{Reason}\"")}"
        : $"{Name} clean";
}
