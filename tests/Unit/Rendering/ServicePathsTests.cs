using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary><see cref="ServicePaths"/>: every path the renderer reads or writes stays inside the service root.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ServicePathsTests : IDisposable
{
    private readonly TemporaryServiceRoot root = new(("conf/named.conf", "options {};\n"));
    private readonly TemporaryServiceRoot elsewhere = new(("conf/keep", "kept\n"));

    public ServicePathsTests()
    {
        Directory.CreateSymbolicLink(root.PathOf("linked"), elsewhere.PathOf("conf"));
        File.CreateSymbolicLink(root.PathOf("conf/linked.conf"), elsewhere.PathOf("conf/keep"));
    }

    public void Dispose()
    {
        root.Dispose();
        elsewhere.Dispose();
    }

    [Theory]
    [InlineData("conf/named.conf", "conf/named.conf")]
    [InlineData("conf/new.conf", "conf/new.conf")]
    [InlineData("new/deep/file", "new/deep/file")]
    [InlineData("./conf/../conf/named.conf", "conf/named.conf")]
    [InlineData("conf//named.conf", "conf/named.conf")]
    [InlineData(".gitignore", ".gitignore")]
    [InlineData("conf/.github", "conf/.github")]
    public void Paths_inside_the_root_resolve_to_their_full_path(string relative, string expected)
    {
        var (full, problem) = ServicePaths.Resolve(root.Path, relative);

        problem.Should().BeNull();
        full.Should().Be(root.PathOf(expected));
    }

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("  ", "the path is empty")]
    [InlineData("/etc/passwd", "'/etc/passwd' is not relative to the service root: give a path like conf/passwd")]
    [InlineData("~/.bashrc", "'~/.bashrc' is not relative to the service root: give a path like conf/.bashrc")]
    [InlineData("../x", "'../x' is outside the service root: InfraTests reads and writes only under ")]
    [InlineData("conf/../../x", "'conf/../../x' is outside the service root: InfraTests reads and writes only under ")]
    [InlineData(".git/hooks/pre-commit", "'.git/hooks/pre-commit' is inside .git: render into the working tree, not the repository's own files")]
    [InlineData("./.git/config", "'./.git/config' is inside .git: render into the working tree, not the repository's own files")]
    [InlineData("vendor/lib/.git/hooks/post-checkout", "'vendor/lib/.git/hooks/post-checkout' is inside .git: render into the working tree, not the repository's own files")]
    [InlineData("linked", "'linked' is a symbolic link: InfraTests follows no links out of the service root, so name the real path")]
    [InlineData("linked/new.conf", "'linked' is a symbolic link: InfraTests follows no links out of the service root, so name the real path")]
    [InlineData("conf/linked.conf", "'conf/linked.conf' is a symbolic link: InfraTests follows no links out of the service root, so name the real path")]
    public void Paths_that_could_leave_the_working_tree_are_refused(string relative, string expected)
    {
        var (full, problem) = ServicePaths.Resolve(root.Path, relative);

        full.Should().BeNull();
        problem.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("conf/named.conf", "conf/named.conf")]
    [InlineData("./conf/named.conf", "conf/named.conf")]
    [InlineData(@"conf\named.conf", "conf/named.conf")]
    [InlineData("conf/../zones.yaml", "zones.yaml")]
    public void Paths_are_compared_in_one_form(string relative, string expected)
    {
        ServicePaths.Normalise(relative).Should().Be(expected);
    }
}
