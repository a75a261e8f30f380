namespace InfraTests.Harness.Rendering;

/// <summary>
/// The configuration could not be rendered; nothing was written. The message has one line per problem, each naming file,
/// line and column.
/// </summary>
public sealed class RenderException : InfraTestsException
{
    /// <summary>Creates the exception from every problem found.</summary>
    public RenderException(IReadOnlyList<RenderProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in the order of the specification.</summary>
    public IReadOnlyList<RenderProblem> Problems { get; }
}
