namespace InfraTests.Harness.Images;

/// <summary>An image that does not describe itself: the message lists every missing ENV or EXPOSE.</summary>
public sealed class ImageContractException : InfraTestsException
{
    /// <summary>Creates the exception for <paramref name="imageReference"/> lacking <paramref name="missing"/>.</summary>
    public ImageContractException(string imageReference, IReadOnlyList<string> missing)
        : base($"The image {imageReference} does not describe itself: it lacks {string.Join(", ", missing)}. Add them to its Dockerfile (see docs/contract.md) and rebuild.")
    {
        Missing = missing;
    }

    /// <summary>What the image lacks, e.g. <c>ENV UPDATE_METHOD</c>.</summary>
    public IReadOnlyList<string> Missing { get; }
}
