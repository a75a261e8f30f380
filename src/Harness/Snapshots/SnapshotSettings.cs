using System.Text.RegularExpressions;

namespace InfraTests.Harness.Snapshots;

/// <summary>
/// How one snapshot is named, where it lives and which volatile values are scrubbed before comparing. Immutable: every
/// method returns new settings, so one instance can be shared by a test class and refined per test.
/// </summary>
/// <remarks>
/// Names follow Verify: <c>{Type}.{Method}.verified.txt</c> beside the test file, with parameters
/// <c>{Type}.{Method}_{name}={value}.verified.txt</c>. Scrubbing runs your own scrubbers first, in the order added, then
/// the built-in ones (digests, dates and date-times, DNS TTLs), each of which can be switched off.
/// </remarks>
public sealed class SnapshotSettings
{
    /// <summary>Default settings: named after the test, stored beside the test file, every built-in scrubber on.</summary>
    public SnapshotSettings()
    {
    }

    private SnapshotSettings(SnapshotSettings from)
    {
        FileName = from.FileName;
        TypeName = from.TypeName;
        MethodName = from.MethodName;
        Directory = from.Directory;
        ParameterValues = from.ParameterValues;
        NamedParameters = from.NamedParameters;
        ScrubsDigests = from.ScrubsDigests;
        ScrubsDates = from.ScrubsDates;
        ScrubsTtls = from.ScrubsTtls;
        OwnScrubbers = from.OwnScrubbers;
    }

    internal string? FileName { get; private init; }

    internal string? TypeName { get; private init; }

    internal string? MethodName { get; private init; }

    internal string? Directory { get; private init; }

    internal IReadOnlyList<object?>? ParameterValues { get; private init; }

    internal IReadOnlyList<(string Name, object? Value)>? NamedParameters { get; private init; }

    internal bool ScrubsDigests { get; private init; } = true;

    internal bool ScrubsDates { get; private init; } = true;

    internal bool ScrubsTtls { get; private init; } = true;

    internal IReadOnlyList<Func<string, string>> OwnScrubbers { get; private init; } = [];

    /// <summary>
    /// Names the file <c>{fileName}.verified.txt</c> instead of <c>{Type}.{Method}…</c>; use it when two tests share one
    /// snapshot. It replaces the whole name, so it cannot be combined with <see cref="UseTypeName"/> or
    /// <see cref="UseMethodName"/>, and parameters are not appended.
    /// </summary>
    public SnapshotSettings UseFileName(string fileName)
    {
        Refuse(TypeName is not null || MethodName is not null, "UseFileName names the whole file, so it cannot be combined with UseTypeName or UseMethodName.");
        return new(this) { FileName = FilePart(fileName) };
    }

    /// <summary>Uses <paramref name="typeName"/> for the <c>{Type}</c> part, for when the test class name is not the name you want.</summary>
    public SnapshotSettings UseTypeName(string typeName)
    {
        Refuse(FileName is not null, "UseTypeName cannot be combined with UseFileName, which names the whole file.");
        return new(this) { TypeName = FilePart(typeName) };
    }

    /// <summary>Uses <paramref name="methodName"/> for the <c>{Method}</c> part, for a test that checks more than one snapshot.</summary>
    public SnapshotSettings UseMethodName(string methodName)
    {
        Refuse(FileName is not null, "UseMethodName cannot be combined with UseFileName, which names the whole file.");
        return new(this) { MethodName = FilePart(methodName) };
    }

    /// <summary>
    /// Keeps the snapshot files in <paramref name="directory"/>; a relative path is taken from the test file's directory
    /// (<c>UseDirectory("Snapshots")</c>).
    /// </summary>
    public SnapshotSettings UseDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new(this) { Directory = directory };
    }

    /// <summary>
    /// Gives a theory one snapshot per case, as Verify's <c>UseParameters</c>: pass the test method's parameter values in
    /// order and each is named after its parameter, <c>{Method}_tag=stable_port=53</c>. Fewer values than parameters name
    /// the first ones.
    /// </summary>
    public SnapshotSettings UseParameters(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(this) { ParameterValues = [.. values], NamedParameters = null };
    }

    /// <summary>
    /// Gives a theory one snapshot per case with names you choose, <c>UseParameters(("tag", tag))</c>; use it when the values
    /// are not the method's own parameters.
    /// </summary>
    public SnapshotSettings UseParameters(params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (name, _) in parameters)
        {
            FilePart(name);
        }

        return new(this) { NamedParameters = [.. parameters], ParameterValues = null };
    }

    /// <summary>Leaves <c>sha256:</c> image digests as they are, for a snapshot whose point is the digest.</summary>
    public SnapshotSettings DontScrubDigests() => new(this) { ScrubsDigests = false };

    /// <summary>Leaves dates and date-times as they are, for a snapshot of fixed, known dates.</summary>
    public SnapshotSettings DontScrubDates() => new(this) { ScrubsDates = false };

    /// <summary>Leaves the TTL column of record lines as it is, for a snapshot that checks TTLs.</summary>
    public SnapshotSettings DontScrubTtls() => new(this) { ScrubsTtls = false };

    /// <summary>Removes every line containing any of <paramref name="values"/> (ignoring case), such as a log line with a timing.</summary>
    public SnapshotSettings ScrubLinesContaining(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || values.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Give at least one non-empty text to look for.", nameof(values));
        }

        string[] kept = [.. values];
        return AddScrubber(text => string.Join('\n', text.Split('\n').Where(line => !kept.Any(v => line.Contains(v, StringComparison.OrdinalIgnoreCase)))));
    }

    /// <summary>Replaces every match of <paramref name="pattern"/> with <paramref name="replacement"/> (which may use <c>$1</c>), for a volatile value of your own.</summary>
    public SnapshotSettings ScrubInline(Regex pattern, string replacement)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(replacement);
        return AddScrubber(text => pattern.Replace(text, replacement));
    }

    /// <summary>Adds a scrubber of your own; it receives the whole text with LF line ends and returns it scrubbed.</summary>
    public SnapshotSettings AddScrubber(Func<string, string> scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        return new(this) { OwnScrubbers = [.. OwnScrubbers, scrubber] };
    }

    /// <summary>Runs the user's scrubbers in the order added, then the built-in ones that are on.</summary>
    internal string Scrub(string text)
    {
        foreach (var scrubber in OwnScrubbers)
        {
            text = scrubber(text);
        }

        if (ScrubsDigests)
        {
            text = Scrubbers.Digests(text);
        }

        if (ScrubsDates)
        {
            text = Scrubbers.Dates(text);
        }

        if (ScrubsTtls)
        {
            text = Scrubbers.Ttls(text);
        }

        return text;
    }

    private static string FilePart(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{name}' must be a name, not a path; use UseDirectory for where the file goes.", nameof(name));
        }

        return name;
    }

    private static void Refuse(bool conflict, string message)
    {
        if (conflict)
        {
            throw new InvalidOperationException(message);
        }
    }
}
