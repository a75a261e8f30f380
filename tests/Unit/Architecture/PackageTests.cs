using FluentAssertions;

namespace InfraTests.Unit.Architecture;

/// <summary>
/// Which shipped package may use which, read from each assembly's IL: the harness at the bottom; the two assertion
/// adapters (FluentAssertions 7, AwesomeAssertions 9) and the rollout beside each other on top of it, neither adapter
/// using the other's library; the tool over harness and rollout only. The adapters are the one place that knows the test
/// framework (xunit v3's TestContext: test names, attachments) and depends on the test platform's report extensions.
/// </summary>
public sealed class PackageTests
{
    private static readonly PackageRule[] Rules =
    [
        new("InfraTests.Harness", ["InfraTests.Assertions", "InfraTests.AwesomeAssertions", "InfraTests.Rollout", "InfraTests.Cli", "FluentAssertions", "AwesomeAssertions", "Xunit", "Microsoft.Testing"],
            "the harness is the floor the other packages stand on, and a service repo takes it without an assertion library or a test framework; its run report is plain files, written without the test platform"),
        new("InfraTests.Assertions", ["InfraTests.Rollout", "InfraTests.Cli"],
            "assertions are for a service repo's tests, which take neither the rollout nor the tool"),
        new("InfraTests.Assertions", ["InfraTests.AwesomeAssertions", "AwesomeAssertions"],
            "it is the FluentAssertions 7 adapter, and a service repo on FluentAssertions takes no second assertion library with it"),
        new("InfraTests.AwesomeAssertions", ["InfraTests.Rollout", "InfraTests.Cli"],
            "assertions are for a service repo's tests, which take neither the rollout nor the tool"),
        new("InfraTests.AwesomeAssertions", ["InfraTests.Assertions", "FluentAssertions"],
            "it is the AwesomeAssertions 9 adapter, and a service repo on AwesomeAssertions takes no FluentAssertions with it, whose Should() would clash with its own"),
        new("InfraTests.Rollout", ["InfraTests.Assertions", "InfraTests.AwesomeAssertions", "InfraTests.Cli", "FluentAssertions", "AwesomeAssertions", "Xunit", "Microsoft.Testing"],
            "a rollout runs in the tool and the webhook receiver, not in tests"),
        new("infratests", ["InfraTests.Assertions", "InfraTests.AwesomeAssertions", "FluentAssertions", "AwesomeAssertions"],
            "the tool ships without an assertion library; its snapshot commands use the harness's engine"),
        new("infratests", ["Xunit", "Microsoft.Testing"],
            "the tool runs on operators' machines and production hosts, not inside a test run"),
    ];

    [Fact]
    public void Each_package_keeps_out_of_the_packages_it_must_not_use()
    {
        var breaches = Rules.SelectMany(r => r.Breaches()).ToList();

        if (breaches.Count > 0)
        {
            Assert.Fail($"{(breaches.Count == 1 ? "1 use" : $"{breaches.Count} uses")} across package boundaries:\n" + string.Concat(breaches.Select(b => $"  - {b}\n")).TrimEnd('\n'));
        }
    }

    [Fact]
    public void Package_using_a_forbidden_namespace_is_told_with_the_type_and_the_reason()
    {
        var rule = new PackageRule("InfraTests.Unit", ["InfraTests.Unit.Architecture.SampleFloors.Upper"], "the sample's ground floor stays below its upper one");

        rule.Breaches().Should().Equal(
            "InfraTests.Unit.Architecture.SampleFloors.Ground.Meter in InfraTests.Unit uses InfraTests.Unit.Architecture.SampleFloors.Upper, which "
            + "InfraTests.Unit must not: the sample's ground floor stays below its upper one. Move the code that needs "
            + "InfraTests.Unit.Architecture.SampleFloors.Upper into a package allowed to use it, or pass Meter a narrow input instead.");
    }
}
