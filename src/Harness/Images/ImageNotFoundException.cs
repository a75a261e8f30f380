namespace InfraTests.Harness.Images;

/// <summary>
/// An image that could not be resolved or pulled: a tag its registry does not have, a registry that does not answer, that
/// needs credentials there are none of, refuses the ones given, or whose certificate the engine does not trust. The message
/// is one line saying which, and what to do; it never holds a password or token.
/// </summary>
public sealed class ImageNotFoundException : InfraTestsException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public ImageNotFoundException(string message, Exception cause)
        : base(message, cause)
    {
    }
}
