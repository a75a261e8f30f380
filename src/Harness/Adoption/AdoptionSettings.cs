using System.Reflection;

namespace InfraTests.Harness.Adoption;

/// <summary>What an <see cref="AdoptionBuilder"/> has gathered; immutable, merged one <c>With</c> at a time. Defaults live here.</summary>
internal sealed record AdoptionSettings
{
    /// <summary>The NuGet feed the InfraTests packages are published to on a machine set up by InfraTests' setup/prepare.sh.</summary>
    public const string DefaultFeed = "http://127.0.0.1:5580/v3/index.json";

    /// <summary>Where every package but InfraTests.* comes from by default: nuget.org.</summary>
    public const string DefaultNuGetSource = "https://api.nuget.org/v3/index.json";

    public required string Folder { get; init; }

    /// <summary>Production's image as <c>REPOSITORY:TAG</c>, for a repo without infratests.yaml; null to read it from there.</summary>
    public string? Image { get; init; }

    /// <summary>The assertion library; null to take the one the repo already uses, else FluentAssertions.</summary>
    public AssertionLibrary? Assertions { get; init; }

    public string Feed { get; init; } = DefaultFeed;

    public string NuGetSource { get; init; } = DefaultNuGetSource;

    /// <summary>The InfraTests version to pin; null for this library's own (the tool and the packages share one version).</summary>
    public string? InfraTestsVersion { get; init; }

    public IProgress<string>? Progress { get; init; }

    /// <summary>The version of InfraTests this assembly is, without build metadata: what a project written by it pins by default.</summary>
    public static string OwnVersion { get; } = (typeof(AdoptionSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AdoptionSettings).Assembly.GetName().Version?.ToString(3) ?? "0.0.0").Split('+')[0];

    /// <summary>The version pinned: the one asked for, else <see cref="OwnVersion"/>.</summary>
    public string Version => InfraTestsVersion ?? OwnVersion;

    /// <summary>Every problem with these settings, each a sentence that says what to change.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Directory.Exists(Folder))
        {
            problems.Add($"{Folder}: no such folder: run init in a service repo, or give its path with --root");
        }

        if (Image is { } image && ImageOption.Problem(image) is { } problem)
        {
            problems.Add(problem);
        }

        foreach (var (name, url) in new[] { ("--feed", Feed), ("--nuget-source", NuGetSource) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"{name} {url} is not an http(s) address: give a NuGet v3 service index, e.g. {(name == "--feed" ? DefaultFeed : DefaultNuGetSource)}");
            }
        }

        if (InfraTestsVersion is { } version && !System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"))
        {
            problems.Add($"--infratests-version {version} is not a package version: give one the feed lists, e.g. 1.2.3 or 0.1.0-alpha.0.78.g7761667035");
        }

        return problems;
    }
}
