namespace InfraTests.Harness.Adoption;

/// <summary>
/// Describes how InfraTests is to be adopted in a service repo (<c>infratests init</c>): which folder, which image when the
/// repo has no infratests.yaml yet, which assertion library, which feed and InfraTests version. Immutable: every
/// <c>With</c> returns a new builder. <see cref="Build"/> checks every setting and names every problem at once.
/// </summary>
/// <example>
/// <code>
/// var plan = await AdoptionBuilder.For("/src/rbldnsd").WithImage("registry.example.net/dns/rbldnsd:stable").Build().PlanAsync();
/// plan.Apply();
/// </code>
/// </example>
public sealed class AdoptionBuilder
{
    private readonly AdoptionSettings settings;

    private AdoptionBuilder(AdoptionSettings settings) => this.settings = settings;

    /// <summary>Starts describing the adoption of the service repo at <paramref name="folder"/> (a git work tree).</summary>
    public static AdoptionBuilder For(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return new(new AdoptionSettings { Folder = Path.GetFullPath(folder) });
    }

    /// <summary>Names production's image, <c>REGISTRY/REPOSITORY:TAG</c>: needed when the repo has no infratests.yaml (a Dockerfile does not say the name production pulls).</summary>
    public AdoptionBuilder WithImage(string reference) => new(settings with { Image = reference });

    /// <summary>Writes the tests on <paramref name="library"/> instead of the one the repo already uses (FluentAssertions 7 when it uses none).</summary>
    public AdoptionBuilder WithAssertions(AssertionLibrary library) => new(settings with { Assertions = library });

    /// <summary>Restores InfraTests.* from <paramref name="serviceIndex"/>, a NuGet v3 feed, instead of <c>http://127.0.0.1:5580/v3/index.json</c>.</summary>
    public AdoptionBuilder WithFeed(string serviceIndex) => new(settings with { Feed = serviceIndex });

    /// <summary>Restores every other package from <paramref name="serviceIndex"/> instead of nuget.org (a shop's mirror of it).</summary>
    public AdoptionBuilder WithNuGetSource(string serviceIndex) => new(settings with { NuGetSource = serviceIndex });

    /// <summary>Pins another InfraTests version than this library's own; the feed must list it.</summary>
    public AdoptionBuilder WithInfraTestsVersion(string version) => new(settings with { InfraTestsVersion = version });

    /// <summary>Reports what is happening (reading the repo, resolving the image, asking the feed) as lines.</summary>
    public AdoptionBuilder WithProgress(IProgress<string> progress) => new(settings with { Progress = progress });

    /// <summary>Checks every setting and returns the adoption, to plan: nothing is read or written yet.</summary>
    public ServiceAdoption Build()
    {
        var problems = settings.Problems();
        return problems.Count switch
        {
            0 => new ServiceAdoption(settings),
            1 => throw new InfraTestsException(problems[0] + "."),
            _ => throw new InfraTestsException($"init cannot start, {problems.Count} problems: {string.Join("; ", problems.Select((p, i) => $"({i + 1}) {p}"))}."),
        };
    }
}
