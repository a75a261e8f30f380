using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>`validate` on the BIND sample with a zone signed in the tree: ldns-verify-zone's complaint at the record's file and line.</summary>
public sealed class SignedValidateTests
{
    [Fact]
    public async Task Validate_fails_a_pre_signed_zone_missing_a_signature_naming_the_record_line()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var signed = File.ReadAllLines(Path.Combine(Samples.RepoRoot, "tests", "Bind", "Zones", "example.com.presigned"));
        var kept = signed.Where(l => !(l.StartsWith("www.example.com.", StringComparison.Ordinal) && l.Contains("RRSIG\tA ", StringComparison.Ordinal))).ToList();
        tree.Write("zones/master/example.com", string.Join('\n', kept) + "\n");
        var line = kept.FindIndex(l => l.StartsWith("www.example.com.", StringComparison.Ordinal) && l.Contains(" IN A\t", StringComparison.Ordinal)) + 1;

        var run = await CliProcess.RunAsync(["validate", "--root", tree.Path]);

        run.Should().ExitWith(1).And.LeaveNoContainers();
        run.StdoutLines.Should().Contain($"  | zones/master/example.com:{line}: Error: no signatures for www.example.com. A", "{0}", run);
    }
}
