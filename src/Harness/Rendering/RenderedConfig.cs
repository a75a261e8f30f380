using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// The service's configuration rendered in memory: compare it with the working tree, write it, or compare it with the
/// same files inside the production image.
/// </summary>
public sealed class RenderedConfig
{
    internal RenderedConfig(BuildSpecification specification, IReadOnlyList<RenderedFile> files)
    {
        Specification = specification;
        Files = files;
    }

    /// <summary>The specification the files were rendered from.</summary>
    public BuildSpecification Specification { get; }

    /// <summary>The rendered outputs, in the order of the specification.</summary>
    public IReadOnlyList<RenderedFile> Files { get; }

    /// <summary>The rendered file at <paramref name="path"/> (relative to the service root).</summary>
    public RenderedFile this[string path] => Files.FirstOrDefault(f => f.Path == ServicePaths.Normalise(path))
        ?? throw new KeyNotFoundException($"{path} is not an output of {Specification.File}: it renders {string.Join(", ", Files.Select(f => f.Path))}");

    /// <summary>Every output as one text: a <c>==> path (mode) &lt;==</c> header, then the file. What snapshot tests keep.</summary>
    public string ToSnapshot() => string.Concat(Files.Select(f => $"==> {f.Path} (mode {f.OctalMode}, from {f.Template}) <==\n{f.Content}{(f.Content.EndsWith('\n') ? string.Empty : "\n")}"));

    /// <summary>What writing would change in the working tree; writes nothing.</summary>
    public ConfigChanges CompareWithDisk() => new(Files.Select(f =>
    {
        var full = Path.Combine(Specification.Root, f.Path);
        return File.Exists(full) ? Change(f, ReadExactly(full), FileModes.Of(full)) : Change(f, null, null);
    }).ToList(), "the working tree");

    /// <summary>What the rendering changes compared with other copies of the outputs (<c>null</c> for a file that is absent there).</summary>
    public ConfigChanges CompareWith(IReadOnlyDictionary<string, (string? Text, UnixFileMode? Mode)> copies, string comparedWith) =>
        new(Files.Select(f => copies.TryGetValue(f.Path, out var copy) && copy.Text is not null
            ? Change(f, copy.Text, copy.Mode)
            : Change(f, null, null)).ToList(), comparedWith);

    private static FileChange Change(RenderedFile rendered, string? before, UnixFileMode? modeBefore) =>
        new(rendered.Path, before, rendered.Content, modeBefore, rendered.Mode) { Template = rendered.Template };

    /// <summary>Writes every output that differs from disk, atomically and with its mode; returns what changed.</summary>
    /// <remarks>Files whose bytes and mode already match are not touched, so their modification times stay (and watchers stay quiet).</remarks>
    public ConfigChanges Write()
    {
        var changes = CompareWithDisk();
        foreach (var change in changes.Changed)
        {
            var full = Path.Combine(Specification.Root, change.Path);
            if (change.ContentChanges)
            {
                AtomicFile.Write(full, change.After, change.ModeAfter);
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(full, change.ModeAfter);
            }
        }

        return changes;
    }

    // Encoding.GetString keeps a byte order mark (ReadAllText drops it), so a file that differs from the rendering only by
    // one is rewritten rather than taken as up to date.
    private static string ReadExactly(string path) => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
}
