namespace InfraTests.Harness.Images;

/// <summary>A tag that its registry does not have, or a registry that does not answer.</summary>
public sealed class ImageNotFoundException : InfraTestsException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public ImageNotFoundException(string message, Exception cause)
        : base(message, cause)
    {
    }
}
