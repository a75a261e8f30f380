using System.Reflection;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Snapshots;
using PublicApiGenerator;

namespace InfraTests.Unit.Architecture;

/// <summary>
/// The public surface of each shipped package, approved as a snapshot: adding, removing or changing a public member
/// shows up as a diff in review, and is accepted with <c>INFRATESTS_ACCEPT=1</c> once it is meant.
/// </summary>
public sealed class PublicApiTests
{
    // Assembly attributes are left out: TargetFramework, InternalsVisibleTo and the package metadata say nothing about the
    // API and may change with the build. So is the async iterator attribute, which names a compiler-numbered state machine
    // (<GetAsyncEnumerator>d__9) that moves when a private method is added. Records read as records.
    private static readonly ApiGeneratorOptions Options = new()
    {
        IncludeAssemblyAttributes = false,
        ExcludeAttributes = ["System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"],
        TreatRecordsAsClasses = false,
    };

    [Theory]
    [InlineData("InfraTests.Harness")]
    [InlineData("InfraTests.Assertions")]
    [InlineData("InfraTests.AwesomeAssertions")]
    [InlineData("InfraTests.Rollout")]
    [InlineData("infratests")]
    public Task Public_api_of_the_package_is_approved(string assembly)
    {
        var api = Assembly.Load(new AssemblyName(assembly)).GeneratePublicApi(Options);

        // The built-in scrubbers are off: an API has no volatile values, and a constant that looks like a digest or a date
        // must be compared as it is.
        return Snapshot.Match(api, new SnapshotSettings().UseParameters(assembly).DontScrubDigests().DontScrubDates().DontScrubTtls());
    }
}
