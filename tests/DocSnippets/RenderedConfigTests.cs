using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Rendering;

namespace InfraTests.DocSnippets;

/// <summary>docs/rendering.md's snapshot test, as tests/Bind/RenderedConfigTests.cs writes it.</summary>
public sealed class RenderedConfigTests
{
    // begin-snippet: rendering-snapshot-test
    [Fact]
    public Task Rendered_config_of_the_working_tree_matches_its_snapshot() =>
        Snapshot.Match(ConfigRenderer.Render(BindService.Root.Path).ToSnapshot());
    // end-snippet
}
