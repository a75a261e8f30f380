namespace InfraTests.Harness.Adoption;

/// <summary>
/// The files that make a folder a test project restoring InfraTests from its feed: the project, its build settings and
/// versions (as the samples have them), <c>nuget.config</c>, <c>global.json</c> selecting Microsoft.Testing.Platform, and
/// the service's <c>infratests.yaml</c> when it has none. Each is the same text for the same inputs, so a second run of
/// init finds them unchanged.
/// </summary>
internal static class ProjectFiles
{
    public static string Description(string repository, string tag) => $"""
        # What production runs (read by InfraTests: infratests init wrote this file). Everything else InfraTests reads from
        # the image itself: see docs/contract.md. Add roles beside production (previous, next) to test other tags.
        image: {repository}
        tags:
          production: {tag}

        """;

    public static string GitIgnore => """
        bin/
        obj/
        TestResults/
        *.received.*

        """;

    public static string GlobalJson => """
        {
          "test": {
            "runner": "Microsoft.Testing.Platform"
          }
        }

        """;

    public static string NuGetConfig(TestProject project)
    {
        var insecure = project.Feed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? " allowInsecureConnections=\"true\"" : string.Empty;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <!-- The feed the InfraTests packages are published to. A plain-HTTP feed needs allowInsecureConnections. -->
                <add key="infratests" value="{project.Feed}"{insecure} />
                <add key="nuget.org" value="{project.NuGetSource}" protocolVersion="3" />
              </packageSources>
              <!-- InfraTests.* only ever from the feed above; everything else from nuget.org. -->
              <packageSourceMapping>
                <packageSource key="infratests">
                  <package pattern="InfraTests.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>

            """;
    }

    public static string DirectoryBuildProps => """
        <Project>
          <!-- The test project's build settings. Being here, MSBuild looks no further up for Directory.Build.props; the
               ImportDirectoryBuildTargets line keeps any Directory.Build.targets above out too. -->
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
          </PropertyGroup>
        </Project>

        """;

    public static string DirectoryPackagesProps(TestProject project) => $"""
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
            <!-- The InfraTests version these tests were written for. To move on, put another version the feed lists here:
                 exactly that version, [x], so a version missing from the feed fails restore rather than take a neighbour. -->
            <InfraTestsVersion>{project.Version}</InfraTestsVersion>
          </PropertyGroup>
          <ItemGroup>
            <PackageVersion Include="InfraTests.Harness" Version="[$(InfraTestsVersion)]" />
            <PackageVersion Include="{project.AssertionsPackage}" Version="[$(InfraTestsVersion)]" />
            <!-- The {project.LibraryName} line {project.AssertionsPackage} is built for.{(project.Library == AssertionLibrary.FluentAssertions ? " 8.x is under a commercial licence." : string.Empty)} -->
            <PackageVersion Include="{project.LibraryPackage}" Version="{project.LibraryRange}" />
            <PackageVersion Include="xunit.v3" Version="4.0.2" />
          </ItemGroup>
        </Project>

        """;

    public static string ProjectFile(TestProject project) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- The service root (the folder above holding infratests.yaml) and `dotnet watch test` on its files come from the
               InfraTests.Harness package: nothing to set here. xunit v3 tests are a program (Exe); global.json has
               `dotnet test` run them on Microsoft.Testing.Platform. -->
          <PropertyGroup>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="InfraTests.Harness" />
            <PackageReference Include="{project.AssertionsPackage}" />
            <PackageReference Include="{project.LibraryPackage}" />
            <PackageReference Include="xunit.v3" />
          </ItemGroup>
          <ItemGroup>
            <Using Include="Xunit" />
          </ItemGroup>
        </Project>

        """;

    /// <summary>What CI runs: the tests (which write their reports), then InfraTests' annotations, as the samples' <c>tests/ci.sh</c>.</summary>
    public static string CiScript => """
        #!/usr/bin/env bash
        # What CI runs (.github/workflows/infratests.yml, .forgejo/workflows/infratests.yml): the tests, which write their
        # reports into tests/TestResults (TRX, JUnit, InfraTests' job summary, also appended to $GITHUB_STEP_SUMMARY where set),
        # then InfraTests' annotations, printed here because `dotnet test` does not pass a test process's output to the log.
        # Arguments go to `dotnet test`. Exits with the tests' status.
        set -uo pipefail
        cd "$(dirname "$0")"
        rm -rf TestResults
        dotnet test "$@"
        status=$?
        cat TestResults/infratests-annotations.txt 2>/dev/null
        exit "$status"

        """;

    /// <summary>The GitHub Actions workflow that runs <c>tests/ci.sh</c>, as the samples have it (docs/ci.md).</summary>
    public static string GitHubWorkflow => """
        # InfraTests on GitHub Actions: the image production runs, tested against this commit's tree by tests/ci.sh, which
        # docs/ci.md of InfraTests explains. The job shows every verdict and what a deploy changes in its summary, an
        # annotation at the file and line of each problem the image's validation names, and keeps tests/TestResults (TRX,
        # JUnit, the summary, failed tests' attachments) as an artifact.
        name: infratests
        on:
          push:
          pull_request:
        permissions:
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest   # has a Docker engine: the tests start the production image
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: 10.0.x
              # The registry of the production image, when it asks for credentials (a repository variable and two secrets).
              - name: Log in to the image registry
                if: ${{ vars.IMAGE_REGISTRY != '' }}
                run: printf %s "$PASSWORD" | docker login "$REGISTRY" --username "$USERNAME" --password-stdin
                env:
                  REGISTRY: ${{ vars.IMAGE_REGISTRY }}
                  USERNAME: ${{ secrets.IMAGE_REGISTRY_USER }}
                  PASSWORD: ${{ secrets.IMAGE_REGISTRY_PASSWORD }}
              - name: Test
                run: bash tests/ci.sh
              - name: Keep the test results
                if: ${{ !cancelled() }}
                uses: actions/upload-artifact@v4
                with:
                  name: test-results
                  path: tests/TestResults

        """;
}
