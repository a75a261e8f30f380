using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>Validation, update and the test mode never change a byte of the user's tree.</summary>
public sealed class WorkingTreeSafetyTests(BindService bind)
{
    [Fact]
    public async Task Validation_update_and_test_mode_leave_the_working_tree_byte_for_byte_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var tree = WorkingTree.Of(BindService.Root.Path);
        var before = tree.Fingerprint();

        (await bind.Primary.RunValidationAsync(ct)).Passed.Should().BeTrue();
        await bind.Primary.RunUpdateAsync(ct);
        await ServiceBuilder.For(BindService.Root).BuildTestMode().RunAsync(ct);

        tree.Fingerprint().Should().Be(before);
    }
}
