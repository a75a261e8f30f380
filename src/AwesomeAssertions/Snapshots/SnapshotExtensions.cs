using System.Runtime.CompilerServices;
using AwesomeAssertions;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Snapshots;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Snapshots;

/// <summary>The AwesomeAssertions way in to snapshots: <c>rendered.Should().MatchSnapshot()</c>.</summary>
public static class SnapshotExtensions
{
    /// <summary>
    /// Asserts the string, once normalised and scrubbed, equals the test's verified snapshot, as <see cref="Snapshot.Match(string, SnapshotSettings?, string, string)"/>
    /// does; use it inside a chain of other string assertions. Pass <paramref name="because"/> by name: the caller
    /// parameters after it are filled in by the compiler.
    /// </summary>
    [CustomAssertion]
    public static AndConstraint<StringAssertions> MatchSnapshot(this StringAssertions assertions, SnapshotSettings? settings = null, string because = "", [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "") =>
        MatchSnapshot(assertions, SnapshotEngine.ForThisProcess, settings, because, sourceFile, method);

    [CustomAssertion]
    internal static AndConstraint<StringAssertions> MatchSnapshot(this StringAssertions assertions, SnapshotEngine engine, SnapshotSettings? settings, string because, string sourceFile, string method)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        settings ??= new SnapshotSettings();
        var location = SnapshotLocator.Locate(settings, sourceFile, method);

        // Off the caller's thread, so a synchronisation context there cannot deadlock the wait.
        var verdict = Task.Run(() => SnapshotVerdicts.CheckAsync(engine, assertions.Subject, location, settings)).GetAwaiter().GetResult();
        Fail.Unless(assertions.CurrentAssertionChain, verdict, because, [], subject: "{context:text}");
        return new AndConstraint<StringAssertions>(assertions);
    }
}
