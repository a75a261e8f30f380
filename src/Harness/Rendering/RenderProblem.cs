using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>One reason the configuration could not be rendered, as <c>file:line:column: what is wrong and what to do</c>.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record RenderProblem(SourceLocation Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
