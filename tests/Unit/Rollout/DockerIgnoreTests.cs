using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Unit.Rendering;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// What a rollout leaves out of the service tree is what <c>docker build</c> leaves out of the image: the rules of Docker's
/// own matcher (moby/patternmatcher and its ignore-file reader), row by row.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DockerIgnoreTests : IDisposable
{
    private readonly TemporaryServiceRoot folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("./name", "name", true)] // a leading ./ is cleaned away
    [InlineData("/name", "name", true)] // so is a leading /
    [InlineData("name/", "name", true)] // and a trailing one
    [InlineData("zones/../name", "name", true)] // the pattern is cleaned as a path
    [InlineData("  name  ", "name", true)] // surrounding spaces are not part of it
    [InlineData("[a-c]x", "bx", true)] // a class with a range
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[^a]b", "cb", true)] // a negated class
    [InlineData("[^a]b", "ab", false)]
    [InlineData("[!a]b", "ab", true)] // Docker compiles to a regular expression, where ! in a class is itself, not "not"
    [InlineData("[!a]b", "!b", true)]
    [InlineData("[!a]b", "cb", false)]
    [InlineData("z?nes/bl", "zones/bl", true)] // ? is one character
    [InlineData("zones?bl", "zones/bl", false)] // but never a /
    [InlineData("*.swp", "zones/x.swp", false)] // * stays within one name
    [InlineData("**/*.swp", "zones/x.swp", true)] // ** is any number of folders
    [InlineData("**/*.swp", "x.swp", true)] // including none
    [InlineData("zones", "zones/bl", true)] // a folder left out takes its contents with it
    [InlineData("zones/**", "zones/old/bl", true)]
    [InlineData("**bl", "zones/sbl", true)] // a leading ** with a plain rest is a suffix, as in Docker
    [InlineData("\\*x", "*x", true)] // \ makes the next character plain
    [InlineData("\\*x", "ax", false)]
    [InlineData("a.c", "abc", false)] // . is a dot
    [InlineData("# name", "# name", false)] // a comment
    [InlineData("zones\n!zones/bl", "zones/bl", false)] // an exception brings a file back
    [InlineData("zones\n!zones/bl", "zones/wl", true)]
    [InlineData("!zones/bl\nzones", "zones/bl", true)] // the last match wins
    [InlineData("!./zones/bl\nzones\n! /zones/bl", "zones/bl", false)] // an exception is cleaned as a pattern is
    public void A_path_is_left_out_as_docker_build_leaves_it_out(string dockerignore, string path, bool excluded)
    {
        folder.Put(".dockerignore", dockerignore + "\n");
        folder.Put(path, "x\n");
        folder.Put("Dockerfile", "FROM scratch\n");

        var files = ServiceTree.FromFolder(folder.Path, "/service").Files;

        files.Contains(path).Should().Be(!excluded, "the .dockerignore line(s) `{0}` {1} {2}", dockerignore.Replace("\n", " / "), excluded ? "leave out" : "keep", path);
        files.Should().Contain("Dockerfile", "no pattern names it");
    }

    [Fact]
    public void A_pattern_docker_cannot_read_is_one_line_naming_the_file_and_line()
    {
        folder.Put(".dockerignore", "# ours\n*.swp\n[a-\n");

        var build = () => ServiceTree.FromFolder(folder.Path, "/service");

        build.Should().Throw<InfraTestsException>().Which.Message.Should()
            .StartWith($"{folder.PathOf(".dockerignore")}:3: '[a-' is not a pattern docker build can read").And.NotContain("\n");
    }
}
