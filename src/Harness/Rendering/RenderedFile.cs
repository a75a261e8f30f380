namespace InfraTests.Harness.Rendering;

/// <summary>One output of the specification, rendered in memory.</summary>
/// <param name="Path">The output path relative to the service root, with <c>/</c> separators.</param>
/// <param name="Mode">The file mode the specification gives it.</param>
/// <param name="Template">The template it was rendered from, relative to the service root.</param>
/// <param name="Content">The rendered text, byte for byte what will be written.</param>
public sealed record RenderedFile(string Path, UnixFileMode Mode, string Template, string Content)
{
    /// <summary>The mode as the operator writes it, e.g. <c>644</c>.</summary>
    public string OctalMode => FileModes.Format(Mode);
}
