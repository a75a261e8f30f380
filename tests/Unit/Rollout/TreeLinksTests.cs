using System.Formats.Tar;
using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Unit.Rendering;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// Symbolic links in a service tree: each is followed step by step from its own folder, through the tree's other links,
/// and one that leads out of the tree is refused before anything is copied; one that stays inside is carried as a link,
/// never followed, so nothing outside the tree reaches a production container.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class TreeLinksTests : IDisposable
{
    private readonly TemporaryServiceRoot folder = new(("zones/bl", "sh8.mailingliststart.com :127.0.0.2:spam\n"));

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Chained_links_that_each_look_inside_but_lead_out_of_the_tree_are_refused()
    {
        // Read as text, "a/.." and "b/.." are the tree's own folder; followed, a is the tree, so b is its parent and c the
        // parent's parent.
        File.CreateSymbolicLink(folder.PathOf("a"), ".");
        File.CreateSymbolicLink(folder.PathOf("b"), "a/..");
        File.CreateSymbolicLink(folder.PathOf("c"), "b/..");

        var build = () => ServiceTree.FromFolder(folder.Path, "/service");

        build.Should().Throw<InfraTestsException>().Which.Message.Should()
            .Be($"{folder.Path}: 2 links lead out of the service tree (b -> a/.., c -> b/..): a rollout copies only the tree's own files; point them inside it or remove them.");
    }

    [Fact]
    public async Task A_pushed_revision_with_chained_links_is_refused_when_it_is_exported()
    {
        using var repository = new ScratchRepository();
        var commit = repository.Commit("links out", tree =>
        {
            File.WriteAllText(Path.Combine(tree, "data"), "1\n");
            File.CreateSymbolicLink(Path.Combine(tree, "a"), ".");
            File.CreateSymbolicLink(Path.Combine(tree, "b"), "a/..");
            File.CreateSymbolicLink(Path.Combine(tree, "c"), "b/..");
        });

        var export = () => Revision.FromGitAsync(repository.Path, "main", cancellationToken: TestContext.Current.CancellationToken);

        (await export.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Be($"revision {commit[..12]} of {repository.Path}: 2 links lead out of the service tree (b -> a/.., c -> b/..): a rollout copies only the tree's own files; point them inside it or remove them.");
    }

    [Theory]
    [InlineData("x", "/etc/passwd")]
    [InlineData("x", "../outside")]
    [InlineData("zones/x", "../../outside")]
    [InlineData("zones/x", "../zones/../..")]
    public void A_link_that_leads_out_directly_is_refused(string link, string target)
    {
        File.CreateSymbolicLink(folder.PathOf(link), target);

        var build = () => ServiceTree.FromFolder(folder.Path, "/service");

        build.Should().Throw<InfraTestsException>().WithMessage($"*1 link leads out of the service tree ({link} -> {target})*");
    }

    [Fact]
    public void Links_that_loop_are_refused_instead_of_followed_forever()
    {
        File.CreateSymbolicLink(folder.PathOf("ping"), "pong/x");
        File.CreateSymbolicLink(folder.PathOf("pong"), "ping/x");

        var build = () => ServiceTree.FromFolder(folder.Path, "/service");

        build.Should().Throw<InfraTestsException>().WithMessage("*2 links go through more than 40 links without reaching a file or folder (ping -> pong/x, pong -> ping/x)*");
    }

    [Fact]
    public void Links_inside_the_tree_are_carried_as_links_and_a_folder_link_is_never_followed()
    {
        File.CreateSymbolicLink(folder.PathOf("current"), "zones");
        File.CreateSymbolicLink(folder.PathOf("zones/latest"), "bl");
        File.CreateSymbolicLink(folder.PathOf("zones/here"), "../zones/./latest");

        var tree = ServiceTree.FromFolder(folder.Path, "/service");

        var entries = TarContents.Read(tree.Tar);
        entries.Select(e => e.Name).Should().Equal("service/current", "service/zones/bl", "service/zones/here", "service/zones/latest");
        entries.Single(e => e.Name == "service/current").Type.Should().Be(TarEntryType.SymbolicLink, "a folder link goes in as the link, never as a copy of what it points at");
        LinkOf(tree.Tar, "service/current").Should().Be("zones");
        LinkOf(tree.Tar, "service/zones/latest").Should().Be("bl");
        tree.Files.Should().Equal("current", "zones/bl", "zones/here", "zones/latest");
    }

    private static string? LinkOf(byte[] tar, string name)
    {
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == name)
            {
                return entry.LinkName;
            }
        }

        return null;
    }
}
