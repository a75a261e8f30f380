namespace InfraTests.Harness.Services;

/// <summary>A service root without a description, or a description that cannot be used; the message names file, line and column.</summary>
public sealed class ServiceDescriptionException : InfraTestsException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public ServiceDescriptionException(string message)
        : base(message)
    {
    }
}
