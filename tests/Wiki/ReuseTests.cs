using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Wiki;

/// <summary>Warm reuse works for a web service too: the kept container is found again, updated through UPDATE_METHOD, and serves the edit.</summary>
public sealed class ReuseTests
{
    // bound: not a wait but the idle expiry of the kept container: the two starts follow within seconds (tens on a loaded
    // 2-core machine), so 2 min keeps it from being reaped in between.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Edit_between_runs_is_served_by_the_reused_wiki()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(WikiService.Root.Path);
        try
        {
            string id;
            await using (var before = await Reusing(tree).StartAsync(ct))
            {
                id = before.Id;
                (await before.Http.GetAsync("/mail/", ct)).Should().HaveStatus(200).And.HaveTitle("Mail relay");
            }

            tree.Write("pages/mail/index.md", tree.Read("pages/mail/index.md").Replace("title: Mail relay\n", "title: Mail relays\n", StringComparison.Ordinal));
            await using var after = await Reusing(tree).StartAsync(ct);

            after.Should().BeEquivalentTo(new { Reused = true, Id = id });
            (await after.Http.GetAsync("/mail/", ct)).Should().HaveStatus(200).And.HaveTitle("Mail relays", "the reused container was updated from the bytes on disk");
            after.PublishedPort(80).Should().Be(after.Http.BaseAddress.Port);
        }
        finally
        {
            await ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);
        }
    }

    private static ServiceContainer Reusing(WorkingTree tree) => ServiceBuilder.For(WikiService.Root).WithWorkingTree(tree).WithReuse(Idle).Build();
}
