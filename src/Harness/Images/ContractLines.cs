namespace InfraTests.Harness.Images;

/// <summary>
/// The Dockerfile line that gives each piece of the image contract (docs/contract.md), with the samples' values as the
/// example: what <c>infratests doctor</c> and <c>infratests init</c> tell a user to add.
/// </summary>
internal static class ContractLines
{
    private static readonly Dictionary<string, string> Lines = new(StringComparer.Ordinal)
    {
        ["ENV SERVICE_ROOT"] = "`ENV SERVICE_ROOT=/service` (where the working tree belongs)",
        ["ENV UPDATE_METHOD"] = "`ENV UPDATE_METHOD=/service/bin/update.sh` (makes the daemon serve the data on disk)",
        ["ENV VALIDATE_METHOD"] = "`ENV VALIDATE_METHOD=/service/bin/validate.sh` (checks the data with the daemon's parser)",
        ["ENV TEST_METHOD"] = "`ENV TEST_METHOD=/service/bin/test.sh` (a one-shot test mode: checks everything it can offline)",
        ["ENV MONITOR_METHOD"] = "`ENV MONITOR_METHOD=/service/bin/monitor.sh` (a Nagios plugin asking the running daemon a real question)",
        ["ENV READY_CHECK"] = "`ENV READY_CHECK=\"http://127.0.0.1:80/\"` (the question that proves ready a service whose SERVICE_PORTS have no DNS port)",
        ["ENV BLOCKLIST_ZONES"] = "`ENV BLOCKLIST_ZONES=\"senderhost.bl.rbl senderip.bl.rbl\"` (the zones a mail server asks to block)",
    };

    /// <summary>The line to add for one missing piece as <see cref="ImageContractException.Missing"/> names it (<c>ENV UPDATE_METHOD</c>).</summary>
    public static string For(string missing) => Lines.GetValueOrDefault(
        missing,
        missing.StartsWith("EXPOSE", StringComparison.Ordinal) ? "`EXPOSE 53/udp` (and `EXPOSE 53/tcp` if it answers over TCP)" : $"`{missing}`");
}
