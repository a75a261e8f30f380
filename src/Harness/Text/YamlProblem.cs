namespace InfraTests.Harness.Text;

/// <summary>
/// Why a YAML file could not be read, at its place: the file is missing, or is not valid YAML in YamlDotNet's own words.
/// Throw its <see cref="ToString"/> as a one-line message, or take its location and message into a list of problems.
/// </summary>
/// <param name="Location">Where reading stopped; line and column 0 when the file is missing.</param>
/// <param name="Message">What is wrong and what to do, without the location, e.g. <c>this is not valid YAML (…): fix the syntax</c>.</param>
internal sealed record YamlProblem(SourceLocation Location, string Message)
{
    /// <summary>The problem as a one-line message: <c>file:line:column: what is wrong: what to do.</c></summary>
    public override string ToString() => $"{Location}: {Message}.";
}
