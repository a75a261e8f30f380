namespace InfraTests.Harness.Images;

/// <summary>
/// One tag of a service's image as its description names it: what to resolve to a digest, and where it was named, so a
/// tag that cannot be resolved is told with the file to correct.
/// </summary>
/// <param name="Repository">The repository without tag, e.g. <c>registry.example.net/dns/rbldnsd</c>.</param>
/// <param name="Tag">The tag, e.g. <c>stable</c>.</param>
/// <param name="Role">The role the tag plays (<c>production</c>, <c>previous</c>, <c>next</c>), or the tag itself when no role has that name.</param>
/// <param name="NamedIn">The file that names it (a service's <c>infratests.yaml</c>), or the option (<c>--image</c>), for messages.</param>
public sealed record ImageTag(string Repository, string Tag, string Role, string NamedIn)
{
    /// <summary>The reference by tag, e.g. <c>registry.example.net/dns/rbldnsd:stable</c>.</summary>
    public string Reference => $"{Repository}:{Tag}";

    /// <inheritdoc />
    public override string ToString() => Reference;
}
