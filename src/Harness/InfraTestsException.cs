namespace InfraTests.Harness;

/// <summary>
/// A problem with the user's input or machine, told in one line that says what is wrong and what to do.
/// Catch it at the edge (CLI, test output) and print <see cref="Exception.Message"/> alone: no stack trace is needed.
/// </summary>
public class InfraTestsException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public InfraTestsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the low-level cause, kept for <c>--verbose</c>.</summary>
    public InfraTestsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
