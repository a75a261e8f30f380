using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary><see cref="SnapshotFiles.AcceptAll(string)"/>, behind <c>./infratests accept</c>: every received file becomes verified, never under CI.</summary>
public sealed class SnapshotFilesTests : IDisposable
{
    private readonly SnapshotFolder folder = new();

    [Fact]
    public void AcceptAll_moves_every_received_file_onto_its_verified_file()
    {
        folder.Write("ZoneTests.Serves_www.verified.txt", "old\n");
        folder.Write("ZoneTests.Serves_www.received.txt", "new\n");
        folder.Write(Path.Combine("Bind", "BindTests.Renders_config_tag=stable.received.txt"), "options {}\n");
        folder.Write("notes.txt", "untouched\n");

        var accepted = SnapshotFiles.AcceptAll(folder.Path, BuildServer.Detect(Environments.Local));

        accepted.Should().Equal(folder[Path.Combine("Bind", "BindTests.Renders_config_tag=stable.verified.txt")], folder["ZoneTests.Serves_www.verified.txt"]);
        folder.Contents().Keys.Should().BeEquivalentTo(Path.Combine("Bind", "BindTests.Renders_config_tag=stable.verified.txt"), "ZoneTests.Serves_www.verified.txt", "notes.txt");
        folder.Read("ZoneTests.Serves_www.verified.txt").Should().Be("new\n");
    }

    [Fact]
    public void AcceptAll_with_nothing_received_accepts_nothing()
    {
        folder.Write("ZoneTests.Serves_www.verified.txt", "old\n");

        SnapshotFiles.AcceptAll(folder.Path, BuildServer.Detect(Environments.Local)).Should().BeEmpty();
    }

    [Fact]
    public void AcceptAll_refuses_under_ci_and_touches_nothing()
    {
        folder.Write("ZoneTests.Serves_www.received.txt", "new\n");
        var before = folder.Contents();

        var act = () => SnapshotFiles.AcceptAll(folder.Path, BuildServer.Detect(Environments.With(("GITLAB_CI", "true"))));

        act.Should().Throw<InfraTestsException>().WithMessage("Refusing to accept snapshots under CI (GITLAB_CI is set)*");
        folder.Contents().Should().Equal(before);
    }

    [Fact]
    public void AcceptAll_in_a_missing_directory_says_so()
    {
        var act = () => SnapshotFiles.AcceptAll(folder["nowhere"], BuildServer.Detect(Environments.Local));

        act.Should().Throw<InfraTestsException>().WithMessage("Cannot accept snapshots in *nowhere: there is no such directory.");
    }

    public void Dispose() => folder.Dispose();
}
