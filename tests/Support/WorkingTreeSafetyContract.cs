using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Services;

namespace InfraTests.Support;

/// <summary>
/// The user's working tree is mounted read-only and never written: the image's own methods (validation, update, and
/// the test mode where the image declares one) leave it byte for byte as it was, and the container cannot create a file
/// in it. Written once for every sample; each sample's test project runs it through a small derived class that names
/// the file its container tries to create.
/// </summary>
/// <typeparam name="TSample">The sample's assembly fixture, whose container the checks run in.</typeparam>
public abstract class WorkingTreeSafetyContract<TSample>(TSample sample)
    where TSample : ServiceFixture<TSample>, ISample
{
    /// <summary>The file the container tries to create, relative to the tree's root: in the folder the daemon reads its data from.</summary>
    protected abstract string FileTheContainerTriesToCreate { get; }

    [Fact]
    public async Task Running_the_images_own_methods_leaves_the_working_tree_byte_for_byte_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var tree = WorkingTree.Of(TSample.Root.Path);
        var before = tree.Fingerprint();

        (await sample.Service.RunValidationAsync(ct)).Should().Pass();
        await sample.Service.RunUpdateAsync(ct);
        // The test mode is optional in the contract (the rbldnsd image has none): run it wherever the image declares it.
        if (sample.Service.Image.Contract.TestMethod is not null)
        {
            await ServiceBuilder.For(TSample.Root).BuildTestMode().RunAsync(ct);
        }

        tree.Fingerprint().Should().Be(before);
    }

    [Fact]
    public async Task The_container_cannot_write_the_mounted_tree()
    {
        var root = sample.Service.Image.Contract.ServiceRoot;

        var attempt = await sample.Service.ExecAsync($"touch {root}/{FileTheContainerTriesToCreate}", TestContext.Current.CancellationToken);

        attempt.ExitCode.Should().NotBe(0);
        attempt.Words.Should().Contain("Read-only file system");
        File.Exists(WorkingTree.Of(TSample.Root.Path).PathOf(FileTheContainerTriesToCreate)).Should().BeFalse();
    }
}
