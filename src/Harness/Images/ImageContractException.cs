namespace InfraTests.Harness.Images;

/// <summary>
/// An image that does not describe itself: the message lists every missing ENV or EXPOSE, or names the one value that
/// cannot be read and what to write instead.
/// </summary>
public sealed class ImageContractException : InfraTestsException
{
    /// <summary>Creates the exception for <paramref name="imageReference"/> lacking <paramref name="missing"/>.</summary>
    public ImageContractException(string imageReference, IReadOnlyList<string> missing)
        : base($"The image {imageReference} does not describe itself: it lacks {string.Join(", ", missing)}. Add them to its Dockerfile (see docs/contract.md) and rebuild.")
    {
        Missing = missing;
    }

    /// <summary>
    /// Creates the exception for <paramref name="imageReference"/> whose <paramref name="variable"/> holds
    /// <paramref name="value"/>, which cannot be read: <paramref name="instead"/> says why and what to write.
    /// </summary>
    public ImageContractException(string imageReference, string variable, string value, string instead)
        : base($"The image {imageReference} sets {variable}=\"{value}\", which InfraTests cannot read: {instead} (docs/contract.md).")
    {
        Missing = [];
        Variable = variable;
    }

    /// <summary>The ENV whose value cannot be read (<c>SERVICE_PORTS</c>, <c>READY_CHECK</c>); null when pieces are missing.</summary>
    public string? Variable { get; }

    /// <summary>What the image lacks, e.g. <c>ENV UPDATE_METHOD</c>.</summary>
    public IReadOnlyList<string> Missing { get; }
}
