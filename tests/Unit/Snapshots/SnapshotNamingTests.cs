using System.Runtime.CompilerServices;
using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary>Snapshot file names as Verify makes them: <c>{Type}.{Method}[_{name}={value}…]</c> beside the test file.</summary>
public sealed class SnapshotNamingTests
{
    private static readonly string Here = ThisFile();

    [Fact]
    public void Test_is_named_after_its_class_and_method_beside_its_file()
    {
        var location = SnapshotLocator.Locate(new SnapshotSettings(), Here, nameof(Test_is_named_after_its_class_and_method_beside_its_file));

        location.Name.Should().Be("SnapshotNamingTests.Test_is_named_after_its_class_and_method_beside_its_file");
        location.Directory.Should().Be(Path.GetDirectoryName(Here));
        location.VerifiedPath.Should().Be(Path.Combine(Path.GetDirectoryName(Here)!, "SnapshotNamingTests.Test_is_named_after_its_class_and_method_beside_its_file.verified.txt"));
        location.ReceivedFileName.Should().Be("SnapshotNamingTests.Test_is_named_after_its_class_and_method_beside_its_file.received.txt");
    }

    [Fact]
    public async Task Async_test_after_an_await_is_named_after_its_class()
    {
        await Task.Yield();

        SnapshotLocator.Locate(new SnapshotSettings(), Here, "M").Name.Should().Be("SnapshotNamingTests.M");
    }

    [Fact]
    public void Static_lambda_in_a_test_is_named_after_its_class()
    {
        var locate = static () => SnapshotLocator.Locate(new SnapshotSettings(), Here, "M");

        locate().Name.Should().Be("SnapshotNamingTests.M");
    }

    [Fact]
    public void Nested_class_uses_its_own_plain_name()
    {
        Nested.Locate().Name.Should().Be("Nested.M");
    }

    [Theory]
    [InlineData("stable", 53)]
    public void Theory_values_are_named_after_the_test_parameters(string tag, int port)
    {
        var settings = new SnapshotSettings().UseParameters(tag, port);

        SnapshotLocator.Locate(settings, Here, nameof(Theory_values_are_named_after_the_test_parameters)).Name
            .Should().Be("SnapshotNamingTests.Theory_values_are_named_after_the_test_parameters_tag=stable_port=53");
    }

    [Theory]
    [InlineData("edge", 1.5)]
    public async Task Async_theory_values_are_named_after_the_test_parameters(string tag, double weight)
    {
        await Task.Yield();

        SnapshotLocator.Locate(new SnapshotSettings().UseParameters(tag, weight), Here, nameof(Async_theory_values_are_named_after_the_test_parameters)).Name
            .Should().Be("SnapshotNamingTests.Async_theory_values_are_named_after_the_test_parameters_tag=edge_weight=1.5");
    }

    [Theory]
    [InlineData("stable", 53)]
    public void Fewer_values_name_the_first_parameters(string tag, int port)
    {
        SnapshotLocator.Locate(new SnapshotSettings().UseParameters(tag), Here, nameof(Fewer_values_name_the_first_parameters)).Name
            .Should().Be("SnapshotNamingTests.Fewer_values_name_the_first_parameters_tag=stable", $"port {port} was not given");
    }

    [Fact]
    public void More_values_than_parameters_is_refused()
    {
        var act = () => SnapshotLocator.Locate(new SnapshotSettings().UseParameters("x"), Here, nameof(More_values_than_parameters_is_refused));

        act.Should().Throw<InfraTestsException>().WithMessage("UseParameters was given 1 values but More_values_than_parameters_is_refused has 0 parameters*");
    }

    [Fact]
    public void Named_values_are_made_safe_for_file_names()
    {
        var settings = new SnapshotSettings().UseParameters(("zone", "a/b:c"), ("ttl", null), ("ports", new[] { 53, 853 }));

        SnapshotLocator.Locate(settings, Here, "M").Name.Should().Be("SnapshotNamingTests.M_zone=a-b-c_ttl=null_ports=53,853");
    }

    [Fact]
    public void Settings_override_the_type_and_method_names()
    {
        var settings = new SnapshotSettings().UseTypeName("Bind").UseMethodName("Config").UseParameters(("tag", "edge"));

        SnapshotLocator.Locate(settings, Here, "M").Name.Should().Be("Bind.Config_tag=edge");
    }

    [Fact]
    public void File_name_replaces_the_whole_name()
    {
        var settings = new SnapshotSettings().UseParameters(("tag", "edge")).UseFileName("shared");

        SnapshotLocator.Locate(settings, Here, "M").Name.Should().Be("shared");
    }

    [Fact]
    public void File_name_cannot_be_combined_with_a_type_or_method_name()
    {
        var typeThenFile = () => new SnapshotSettings().UseTypeName("T").UseFileName("f");
        var fileThenMethod = () => new SnapshotSettings().UseFileName("f").UseMethodName("M");

        typeThenFile.Should().Throw<InvalidOperationException>();
        fileThenMethod.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Name_with_a_path_is_refused()
    {
        var act = () => new SnapshotSettings().UseFileName("../escape");

        act.Should().Throw<ArgumentException>().WithMessage("'../escape' must be a name, not a path*");
    }

    [Fact]
    public void Caller_file_not_on_the_stack_names_the_type_after_the_file()
    {
        var settings = new SnapshotSettings().UseDirectory(Path.GetTempPath());

        SnapshotLocator.Locate(settings, "/elsewhere/tests/ZoneTests.cs", "Serves_www").Name.Should().Be("ZoneTests.Serves_www");
    }

    [Fact]
    public void Relative_directory_is_taken_from_the_test_file_directory()
    {
        var settings = new SnapshotSettings().UseDirectory("Snapshots");

        SnapshotLocator.Locate(settings, Here, "M").Directory.Should().Be(Path.Combine(Path.GetDirectoryName(Here)!, "Snapshots"));
    }

    [Fact]
    public void Test_file_directory_that_does_not_exist_here_is_an_error_pointing_at_UseDirectory()
    {
        var act = () => SnapshotLocator.Locate(new SnapshotSettings(), "/_/tests/Unit/ZoneTests.cs", "M");

        act.Should().Throw<InfraTestsException>().WithMessage("Cannot keep the snapshot beside the test file: its directory '/_/tests/Unit' does not exist here*UseDirectory.");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static class Nested
    {
        public static SnapshotLocation Locate() => SnapshotLocator.Locate(new SnapshotSettings(), Here, "M");
    }
}
