using System.Formats.Tar;
using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Unit.Rendering;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// The tar a rollout writes into SERVICE_ROOT's parent and the tree it keeps to put a target back: entry names, modes,
/// what <c>.dockerignore</c> leaves out of the image, and the tar the archive API gives back.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ServiceTreeTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private readonly TemporaryServiceRoot folder = new(("zones/bl", "sh8.mailingliststart.com :127.0.0.2:spam\n"), ("zones/wl", "news.mailingliststart.com\n"));

    public ServiceTreeTests() => folder.Put("bin/update.sh", "#!/bin/sh\nexit 0\n", Executable);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Entries_are_named_after_the_service_roots_own_folder()
    {
        var tree = ServiceTree.FromFolder(folder.Path, "/service");

        TarContents.Read(tree.Tar).Select(e => e.Name).Should().Equal("service/bin/update.sh", "service/zones/bl", "service/zones/wl");
        tree.Files.Should().Equal("bin/update.sh", "zones/bl", "zones/wl");
        TarContents.Read(tree.Tar).Single(e => e.Name == "service/zones/bl").Text.Should().Be("sh8.mailingliststart.com :127.0.0.2:spam\n");
    }

    [Theory]
    [InlineData("/srv/named")]
    [InlineData("/srv/named/")]
    public void A_nested_service_root_is_named_by_its_last_folder(string serviceRoot)
    {
        var tree = ServiceTree.FromFolder(folder.Path, serviceRoot);

        TarContents.Read(tree.Tar).Select(e => e.Name).Should().Equal("named/bin/update.sh", "named/zones/bl", "named/zones/wl");
    }

    [Fact]
    public void An_executable_script_keeps_its_mode()
    {
        var entries = TarContents.Read(ServiceTree.FromFolder(folder.Path, "/service").Tar);

        entries.Single(e => e.Name == "service/bin/update.sh").Mode.Should().Be(Executable, "update.sh is run as UPDATE_METHOD, so it must stay 0755");
        entries.Single(e => e.Name == "service/zones/bl").Mode.Should().Be(TemporaryServiceRoot.ReadWrite);
    }

    [Fact]
    public void What_dockerignore_excludes_is_left_out_and_an_exception_brings_a_file_back()
    {
        folder.Put(".dockerignore", ".git\ntests\n**/obj\n**/bin/Debug\n**/*.received.*\n*.swp\n!tests/keep.txt\n");
        foreach (var file in new[]
        {
            ".git/HEAD", ".git/objects/ab/cdef", "tests/OperatorStoryTests.cs", "tests/keep.txt", "obj/project.assets.json",
            "tools/obj/cache", "bin/Debug/net10.0/x.dll", "tools/bin/Debug/y.dll", "zones/bl.received.txt", "notes.swp", "Dockerfile",
        })
        {
            folder.Put(file, "x\n");
        }

        var tree = ServiceTree.FromFolder(folder.Path, "/service");

        tree.Files.Should().Equal("Dockerfile", "bin/update.sh", "tests/keep.txt", "zones/bl", "zones/wl");
        TarContents.Read(tree.Tar).Select(e => e.Name).Should().Equal(tree.Files.Select(f => $"service/{f}"));
    }

    [Fact]
    public void The_rbldnsd_samples_dockerignore_keeps_its_scripts_and_zones_and_leaves_out_the_test_project()
    {
        folder.Put(".dockerignore", File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "rbldnsd", ".dockerignore")));
        foreach (var file in new[]
        {
            "Dockerfile", "README.md", "infratests.yaml", "infratests.checks.yaml", "bin/validate.sh", ".git/config",
            "tests/Rbl.cs", "tests/bin/Debug/net10.0/Rbldnsd.Tests.dll", "tests/obj/project.assets.json",
            "bin/Release/net10.0/stray.dll", "zones/.bl.swp", "zones/bl~", "zones/snapshots/bl.received.txt",
        })
        {
            folder.Put(file, "x\n");
        }

        ServiceTree.FromFolder(folder.Path, "/service").Files.Should().Equal(
            "Dockerfile", "README.md", "bin/update.sh", "bin/validate.sh", "infratests.checks.yaml", "infratests.yaml", "zones/bl", "zones/wl");
    }

    [Fact]
    public void A_pattern_without_a_double_star_matches_only_at_the_top_as_docker_does()
    {
        // Docker matches "*" within one path segment: "*.swp" leaves out notes.swp, and zones/.bl.swp stays in the image.
        folder.Put(".dockerignore", "*.swp\n*/draft\n");
        folder.Put("notes.swp", "x\n");
        folder.Put("zones/.bl.swp", "x\n");
        folder.Put("zones/draft", "x\n");
        folder.Put("zones/old/draft", "x\n");

        ServiceTree.FromFolder(folder.Path, "/service").Files.Should().Equal(
            "bin/update.sh", "zones/.bl.swp", "zones/bl", "zones/old/draft", "zones/wl");
    }

    [Fact]
    public void A_tar_from_the_archive_api_lists_the_files_under_the_root_and_nothing_else()
    {
        var tar = TarContents.Write([
            new("service/", TarEntryType.Directory, Executable, string.Empty),
            new("service/zones/", TarEntryType.Directory, Executable, string.Empty),
            new("service/zones/bl", TarEntryType.RegularFile, TarContents.FileMode, "old\n"),
            new("service/bin/update.sh", TarEntryType.RegularFile, Executable, "#!/bin/sh\n"),
            new("servicex/stray", TarEntryType.RegularFile, TarContents.FileMode, "x\n"),
            new("etc/passwd", TarEntryType.RegularFile, TarContents.FileMode, "root:x:0:0\n"),
        ]);

        var tree = ServiceTree.FromTar(tar, "/service");

        tree.Files.Should().Equal("bin/update.sh", "zones/bl");
        tree.Tar.Should().BeSameAs(tar, "the tar read is what is written back to restore the target, byte for byte");
    }

    [Theory]
    [InlineData("/service", "/")]
    [InlineData("/srv/named", "/srv")]
    [InlineData("/srv/named/", "/srv")]
    public void The_tar_is_written_into_the_service_roots_parent(string serviceRoot, string parent)
    {
        ServiceTree.ParentOf(serviceRoot).Should().Be(parent);
    }

    [Fact]
    public void The_filesystem_root_as_service_root_is_refused_in_one_line()
    {
        var fromFolder = () => ServiceTree.FromFolder(folder.Path, "/");
        var fromTar = () => ServiceTree.FromTar(TarContents.Write([]), "/");

        fromFolder.Should().Throw<InfraTestsException>().WithMessage("SERVICE_ROOT '/' is the filesystem root*").Which.Message.Should().NotContain("\n");
        fromTar.Should().Throw<InfraTestsException>().WithMessage("SERVICE_ROOT '/' is the filesystem root*");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InfraTests.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no InfraTests.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository");
    }
}
