namespace InfraTests.Harness.Adoption;

/// <summary>Production's image as a user names it on the command line, <c>REGISTRY/REPOSITORY:TAG</c>: split and checked.</summary>
internal static class ImageOption
{
    /// <summary>What is wrong with <paramref name="reference"/> as production's image, or null when it is a repository and a tag.</summary>
    public static string? Problem(string reference)
    {
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            return $"--image {reference} names a digest: give the tag production pulls (REGISTRY/REPOSITORY:TAG), which InfraTests resolves on every run";
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon <= slash || colon == reference.Length - 1 || colon == 0 || reference.Any(char.IsWhiteSpace)
            ? $"--image {reference} has no tag: give the image production pulls as REGISTRY/REPOSITORY:TAG, e.g. registry.example.net/dns/rbldnsd:stable"
            : null;
    }

    /// <summary>The repository and the tag of a reference <see cref="Problem"/> accepted.</summary>
    public static (string Repository, string Tag) Split(string reference)
    {
        var parsed = Images.ImageReference.Parse(reference);
        return (parsed.Repository, parsed.Tag!);
    }
}
