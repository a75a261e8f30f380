using InfraTests.Harness.Images;

namespace InfraTests.Harness.Health;

/// <summary>
/// The doctor's look at the registry from this machine (<c>GET /v2/</c>): does it answer, over what, and does it let the
/// user in with the credentials <c>docker login</c> stored. Where the engine resolves tags itself, what this machine sees
/// is worth knowing but not in the way (a warning): the engine asks from its own side, and the tag finding tells.
/// </summary>
internal static class RegistryFindings
{
    /// <summary>Adds the <c>registry</c> and <c>credentials</c> findings; the access to use, or null when a blocker makes the tag pointless to ask.</summary>
    public static async Task<RegistryAccess?> ExamineAsync(List<Finding> findings, ImageTag tag, DockerCredentials credentials, bool engineResolvesTags, CancellationToken cancellationToken)
    {
        RegistryAccess access;
        try
        {
            access = await RegistryAccess.FindAsync(tag.Reference, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (InfraTestsException exception)
        {
            findings.Add(new Finding("credentials", FindingMark.Blocker, exception.Message));
            return null;
        }

        var weight = engineResolvesTags ? FindingMark.Warn : FindingMark.Blocker;
        var registry = access.Registry;
        using var client = new RegistryClient(access, RegistryTrust.Ordinary(Path.GetDirectoryName(access.ConfigPath)!));
        RegistryGreeting greeting;
        try
        {
            greeting = await client.GreetAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageNotFoundException exception)
        {
            // A status means the token service answered, and refused the credentials; none means the registry did not answer.
            var subject = exception.InnerException is HttpRequestException { StatusCode: not null } ? "credentials" : "registry";
            findings.Add(new Finding(subject, weight, exception.Message, engineResolvesTags ? "the engine asks the registry from its side, so runs may still work: see the tag line" : null));
            return engineResolvesTags ? access : null;
        }

        if (!greeting.AsksForCredentials && !greeting.Accepted)
        {
            findings.Add(new Finding("registry", weight, $"{registry} answered GET /v2/ over {greeting.Scheme.ToUpperInvariant()} with {(int)greeting.Status} {greeting.Status}: no registry API there", $"correct `image:` in {tag.NamedIn}"));
            return engineResolvesTags ? access : null;
        }

        findings.Add(new Finding("registry", FindingMark.Ok, greeting.Scheme == "https"
            ? $"{registry} answers over HTTPS, its certificate verified"
            : $"{registry} answers over plain HTTP (Docker allows it for 127.0.0.0/8 only)"));

        var credential = access.Credential;
        var finding = (greeting.AsksForCredentials, credential, greeting.Accepted) switch
        {
            (false, null, _) => new Finding("credentials", FindingMark.Ok, $"none needed: {registry} lets anyone pull"),
            (false, { } given, _) => new Finding("credentials", FindingMark.Ok, $"none needed: {registry} lets anyone pull ({given} is not used)"),
            (true, { } given, true) => new Finding("credentials", FindingMark.Ok, $"{given}: accepted"),
            (true, null, true) => new Finding("credentials", FindingMark.Ok, $"{registry} lets anonymous users in through its token service"),
            (true, null, false) => new Finding("credentials", weight, $"{registry} asks for credentials and there are none for it in {access.ConfigPath}", $"run `docker login {registry}`"),
            (true, { } given, false) => new Finding("credentials", weight, $"{registry} refused {given} ({greeting.Said ?? greeting.Status.ToString()})", $"run `docker login {registry}` again"),
        };
        findings.Add(finding);
        return finding.Mark == FindingMark.Blocker ? null : access;
    }
}
