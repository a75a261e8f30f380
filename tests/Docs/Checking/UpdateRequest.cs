using InfraTests.Harness.Snapshots;

namespace InfraTests.Docs.Checking;

/// <summary>
/// Whether this run may copy snippets into the docs: asked with <c>INFRATESTS_UPDATE_DOCS=1</c> (or <c>true</c>), and never
/// on a build server, which must check what was committed rather than write what it would like.
/// </summary>
internal sealed record UpdateRequest(bool Asked, string? CiVariable)
{
    /// <summary>The variable that asks for the update.</summary>
    public const string Variable = "INFRATESTS_UPDATE_DOCS";

    /// <summary>Whether the docs may be written.</summary>
    public bool Allowed => Asked && CiVariable is null;

    /// <summary>Reads the request through <paramref name="environment"/>; tests pass a dictionary lookup.</summary>
    public static UpdateRequest From(Func<string, string?> environment) => new(
        environment(Variable)?.Trim() is "1" or "true",
        BuildServer.Detect(environment).Variable);

    /// <summary>Why nothing was written although it was asked, or <see langword="null"/>.</summary>
    public string? Refusal => Asked && CiVariable is not null
        ? $"{Variable} is set, but {CiVariable} says this is a CI run: nothing was written. Run the update on your machine and commit the docs."
        : null;
}
