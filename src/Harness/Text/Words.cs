using System.Globalization;

namespace InfraTests.Harness.Text;

/// <summary>
/// How InfraTests words the small things in its progress lines, tables and one-line messages: durations, seconds, short
/// ids and digests, and another program's output cut down to one line. Use it wherever such a thing is shown, so they
/// read the same in every command and message.
/// </summary>
public static class Words
{
    /// <summary>A duration as people say it: <c>4 s</c>, <c>3 min</c>, <c>2 h 5 min</c>, <c>3 d</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
            : span.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : span.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d");
    }

    /// <summary>A measured time to the hundredth of a second: <c>0.35 s</c>.</summary>
    public static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.00} s");

    /// <summary>A container id (or a commit) cut to 12 characters, as <c>docker ps</c> and <c>git log --abbrev=12</c> show them.</summary>
    public static string ShortId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>A digest cut to its algorithm and 12 hex digits: <c>sha256:1a2b3c4d5e6f</c>.</summary>
    public static string ShortDigest(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Length > 19 ? digest[..19] : digest;
    }

    /// <summary>An image reference by digest with the digest cut to 12 hex digits and an ellipsis: <c>registry/rbldnsd@sha256:1a2b3c4d5e6f…</c>.</summary>
    public static string ShortReference(string pinnedReference)
    {
        ArgumentNullException.ThrowIfNull(pinnedReference);
        var at = pinnedReference.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 && pinnedReference.Length > at + 20 ? pinnedReference[..(at + 20)] + "…" : pinnedReference;
    }

    /// <summary>The first non-empty line of a message, trimmed and at most 200 characters; <c>no message</c> when there is none.</summary>
    public static string FirstLine(string text)
    {
        var line = (text ?? string.Empty).Trim().Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "no message" : line.Length > 200 ? line[..200] + "…" : line;
    }

    /// <summary>Another program's output on one line: its first <paramref name="lines"/> non-empty lines, trimmed, joined with <c> | </c>.</summary>
    public static string OneLine(string text, int lines = 6) =>
        string.Join(" | ", (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(lines));
}
