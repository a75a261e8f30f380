using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// What a target's SERVICE_ROOT holds, as the last rollout that changed it wrote it on the target itself:
/// <c>/var/lib/infratests/deployed-revision.json</c> (revision, its subject, the rollout's id, when the copy finished).
/// Written once the copy finished, the previous one put back with the kept tree, so it always names what is there.
/// Read back by <c>infratests status</c> as data from outside: a revision that is not a commit id is never handed to git.
/// </summary>
/// <param name="Revision">The full commit id rolled out (or, for a folder rollout, the folder's path).</param>
/// <param name="Subject">The commit's subject.</param>
/// <param name="Rollout">The id of the rollout that wrote it (its record's id).</param>
/// <param name="Time">When the copy finished.</param>
public sealed partial record DeployedRevision(string Revision, string Subject, string Rollout, DateTimeOffset Time)
{
    /// <summary>
    /// Where the record lives in every target: outside SERVICE_ROOT (so it is neither drift nor data the daemon reads, and a
    /// rollout's removal of stale files never takes it), in the container's own writable layer (so it lives exactly as long as
    /// the files it describes, through restarts, unlike /run), in the place the FHS gives to a program's state.
    /// </summary>
    public const string PathOnTarget = "/var/lib/infratests/deployed-revision.json";

    // The most a record can be; a bigger file is not one of ours.
    private const int MaxBytes = 16 * 1024;

    /// <summary>True when <see cref="Revision"/> is a full commit id (SHA-1 or SHA-256), the only kind handed to git.</summary>
    public bool IsCommit => CommitId().IsMatch(Revision);

    /// <summary>The revision cut to 12 characters for tables.</summary>
    public string ShortRevision => IsCommit ? Revision[..12] : Revision;

    /// <summary>The record as a tar for the engine's archive API, written into <c>/</c> (missing folders are made).</summary>
    internal byte[] ToTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, PathOnTarget.TrimStart('/'))
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(ToJson())),
            });
        }

        return tar.ToArray();
    }

    /// <summary>The record's file: one JSON object.</summary>
    internal string ToJson() => JsonSerializer.Serialize(this, RolloutRecords.Json) + "\n";

    /// <summary>
    /// The record in <paramref name="tar"/> (the archive API's answer for <see cref="PathOnTarget"/>), or why it cannot be
    /// read, in words. Every string is cut to one line of printable characters: it came from a host, not from us.
    /// </summary>
    internal static (DeployedRevision? Record, string? Problem) FromTar(byte[] tar)
    {
        try
        {
            using var reader = new TarReader(new MemoryStream(tar, writable: false));
            var entry = reader.GetNextEntry();
            if (entry is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                return (null, $"{PathOnTarget} is not a file");
            }

            if (entry.Length > MaxBytes)
            {
                return (null, $"{PathOnTarget} is {entry.Length} bytes, more than a record ever is");
            }

            using var data = new MemoryStream();
            entry.DataStream.CopyTo(data);
            return Parse(data.ToArray());
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException)
        {
            return (null, $"{PathOnTarget} could not be read ({Words.OneLine(exception.Message)})");
        }
    }

    /// <summary>The record in <paramref name="json"/>, or why it is not one.</summary>
    internal static (DeployedRevision? Record, string? Problem) Parse(byte[] json)
    {
        try
        {
            var read = JsonSerializer.Deserialize<DeployedRevision>(json, RolloutRecords.Json);
            if (read is null || string.IsNullOrWhiteSpace(read.Revision))
            {
                return (null, $"{PathOnTarget} names no revision");
            }

            return (new DeployedRevision(Printable(read.Revision, 200), Printable(read.Subject ?? string.Empty, 200), Printable(read.Rollout ?? string.Empty, 100), read.Time), null);
        }
        catch (JsonException exception)
        {
            return (null, $"{PathOnTarget} is not a record ({Words.OneLine(exception.Message.Split('.')[0])})");
        }
    }

    // Control characters (a terminal's escape sequences among them) become '?', and the text is cut.
    private static string Printable(string text, int most)
    {
        var clean = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
        return clean.Length > most ? clean[..most] + "…" : clean;
    }

    [GeneratedRegex("^(?:[0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex CommitId();
}
