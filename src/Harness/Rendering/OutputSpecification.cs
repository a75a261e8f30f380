using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>One entry of the specification: which template renders to which file, with which mode.</summary>
/// <param name="Template">The template, relative to the service root.</param>
/// <param name="Output">The file it renders to, relative to the service root.</param>
/// <param name="Mode">The mode the file is written with.</param>
/// <param name="Location">Where the entry is in the specification file, for messages.</param>
public sealed record OutputSpecification(string Template, string Output, UnixFileMode Mode, SourceLocation Location);
