using AwesomeAssertions;
using DnsClient;
using InfraTests.AwesomeAssertions;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;

namespace Bind.Tests;

/// <summary>The operator's `rake test`, the rendered config, and what the primary answers.</summary>
public sealed class ZoneTests(Nameserver bind)
{
    [Fact]
    public async Task Test_mode_passes_for_both_roles_and_every_zone() =>
        (await ServiceBuilder.For(Nameserver.Root).BuildTestMode().RunAsync(TestContext.Current.CancellationToken)).Should().Pass();

    [Fact]
    public void Committed_conf_is_what_the_templates_render() =>
        ConfigRenderer.Render(Nameserver.Root.Path).CompareWithDisk().Should().BeEmpty();

    /// <summary>
    /// What a deploy of this tree changes in production, rendered against the production image's own files by digest: CI
    /// shows it as a plan in the job summary (a row per rendered file, the diff folded away).
    /// </summary>
    [Fact]
    public async Task Deploy_plan_is_made_against_the_production_images_own_files()
    {
        var changes = await ServiceBuilder.For(Nameserver.Root).BuildDeployDiff().CompareAsync(TestContext.Current.CancellationToken);

        changes.ComparedWith.Should().Contain("@sha256:", "the plan is against the exact image production runs");
        changes.Files.Select(f => f.Path).Should().Contain("conf/named_master_zones");
    }

    [Fact]
    public async Task Zone_is_served_authoritatively_with_the_files_serial() =>
        (await bind.Primary.Dns.QueryAsync("example.com", QueryType.SOA, cancellationToken: TestContext.Current.CancellationToken))
            .Should().BeAuthoritative().And.HaveSoaSerial(2026112501)
            .Which.MName.Value.Should().Be("ns1.example.com.");   // AwesomeAssertions' own Should() beside ours
}
