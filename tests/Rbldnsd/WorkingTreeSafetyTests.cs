using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>The user's working tree is mounted read-only: nothing the image does can change a byte of it.</summary>
public sealed class WorkingTreeSafetyTests(RbldnsdService rbl)
{
    [Fact]
    public async Task Running_the_images_own_methods_leaves_the_working_tree_byte_for_byte_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var tree = WorkingTree.Of(RbldnsdService.Root.Path);
        var before = tree.Fingerprint();

        await rbl.Service.RunValidationAsync(ct);
        await rbl.Service.RunUpdateAsync(ct);

        tree.Fingerprint().Should().Be(before);
    }

    [Fact]
    public async Task The_container_cannot_write_the_mounted_tree()
    {
        var root = rbl.Service.Image.Contract.ServiceRoot;

        var attempt = await rbl.Service.ExecAsync($"touch {root}/zones/written-by-the-container", TestContext.Current.CancellationToken);

        attempt.ExitCode.Should().NotBe(0);
        attempt.Words.Should().Contain("Read-only file system");
        File.Exists(Path.Combine(RbldnsdService.Root.Path, "zones", "written-by-the-container")).Should().BeFalse();
    }
}
