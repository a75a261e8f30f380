using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace InfraTests.Harness.Dns;

/// <summary>
/// The names and IPv4 and IPv6 addresses an operator checks in bulk, e.g. a spam-trap list or the customers' mail hosts: one entry a
/// line, <c>#</c> comments and blank lines skipped. Read lazily, one line at a time, however long it is; pass it to
/// <see cref="CorpusCheck"/> or to the corpus assertions.
/// </summary>
public sealed class Corpus : IAsyncEnumerable<CorpusEntry>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<string>> lines;

    private Corpus(string? name, Func<CancellationToken, IAsyncEnumerable<string>> lines)
    {
        Name = name;
        this.lines = lines;
    }

    /// <summary>Where the entries come from, for messages: the file's path, <c>&lt;stdin&gt;</c>, or null for a list in memory.</summary>
    public string? Name { get; }

    /// <summary>A corpus over lines already in hand or made on the fly, e.g. a generator of <c>spamtrap-000001.example</c>….</summary>
    public static Corpus Of(IEnumerable<string> lines, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new Corpus(name, _ => lines.ToAsyncEnumerable());
    }

    /// <summary>A corpus over lines that arrive asynchronously, e.g. from a network stream.</summary>
    public static Corpus Of(IAsyncEnumerable<string> lines, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new Corpus(name, _ => lines);
    }

    /// <summary>A corpus file, read a line at a time each time the corpus is enumerated; a missing file fails here, naming it.</summary>
    public static Corpus ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new CorpusFormatException($"{path}: the corpus file does not exist: give the path of a file with one host name or IP address per line.");
        }

        return new Corpus(path, cancellationToken => File.ReadLinesAsync(path, cancellationToken));
    }

    /// <summary>A corpus read from <paramref name="reader"/> (standard input, say) a line at a time; it can be enumerated once.</summary>
    public static Corpus Read(TextReader reader, string name = "<stdin>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Corpus(name, cancellationToken => ReadLinesAsync(reader, cancellationToken));
    }

    /// <summary>
    /// The entries in order, each with its line. A line that is neither a host name nor an IP address stops the
    /// enumeration with a <see cref="CorpusFormatException"/> naming the file and line.
    /// </summary>
    public async IAsyncEnumerator<CorpusEntry> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        long line = 0;
        await foreach (var text in lines(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line++;
            var hash = text.IndexOf('#', StringComparison.Ordinal);
            var entry = (hash < 0 ? text : text[..hash]).Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (Problem(entry) is { } problem)
            {
                throw new CorpusFormatException($"{(Name is null ? "line " : Name + ":")}{line}: {problem}: fix or remove the line.");
            }

            yield return new CorpusEntry(entry.TrimEnd('.'), line);
        }
    }

    /// <summary>
    /// Why <paramref name="entry"/> cannot be asked of a blocklist, or null when it can: a host name, an IPv4 address as
    /// a dotted quad, or an IPv6 address (compressed, full or IPv4-mapped; no scope). The one rule for corpora, names files and names given to <c>infratests check</c>.
    /// </summary>
    public static string? Problem(string entry)
    {
        if (IsIPv4(entry))
        {
            return null;
        }

        if (ReversedAddress.IsIPv6(entry, out _))
        {
            return null;
        }

        if (entry.Contains(':', StringComparison.Ordinal))
        {
            return $"'{entry}' is not an IPv6 address (without a %scope): give one like 2001:db8::1 or ::ffff:192.0.2.10";
        }

        var name = entry.TrimEnd('.');
        return Uri.CheckHostName(name) != UriHostNameType.Dns || name.Length > 253 || name.All(c => char.IsDigit(c) || c == '.')
            ? $"'{entry}' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1"
            : null;
    }

    /// <summary>True for a dotted quad such as <c>192.0.2.10</c> (not the short or hex forms <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes).</summary>
    internal static bool IsIPv4(string entry)
    {
        var parts = entry.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    private static async IAsyncEnumerable<string> ReadLinesAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }
}
