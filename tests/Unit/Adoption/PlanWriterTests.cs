using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Adoption;

namespace InfraTests.Unit.Adoption;

/// <summary>Init never overwrites a file, and writes all or nothing: what is there is compared first, and a failure part-way takes back what was written.</summary>
public sealed class PlanWriterTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("infratests-plan-writer-");

    private static readonly (string, string, string)[] Wanted =
    [
        ("infratests.yaml", "image: r/x\ntags:\n  production: stable\n", "description"),
        ("tests/X.Tests.csproj", "<Project />\n", "project"),
        ("tests/sub/Fixture.cs", "// fixture\n", "fixture"),
    ];

    [Fact]
    public void First_plan_creates_every_file_and_appends_tests_to_dockerignore_then_a_second_finds_nothing_to_do()
    {
        File.WriteAllText(Path.Combine(root.FullName, ".dockerignore"), ".git");

        var written = PlanWriter.Write(root.FullName, PlanWriter.Compare(root.FullName, Wanted));

        written.Select(f => (f.Path, f.Action)).Should().Equal(
            ("infratests.yaml", PlannedFileAction.Create), ("tests/X.Tests.csproj", PlannedFileAction.Create), ("tests/sub/Fixture.cs", PlannedFileAction.Create), (".dockerignore", PlannedFileAction.Append));
        File.ReadAllText(Path.Combine(root.FullName, ".dockerignore")).Should().Be(".git\ntests\n");
        File.ReadAllText(Path.Combine(root.FullName, "tests", "sub", "Fixture.cs")).Should().Be("// fixture\n");
        PlanWriter.Compare(root.FullName, Wanted).Should().OnlyContain(f => f.Action == PlannedFileAction.Unchanged);
    }

    [Fact]
    public void A_file_there_with_other_content_refuses_the_whole_plan_naming_it()
    {
        Directory.CreateDirectory(Path.Combine(root.FullName, "tests"));
        File.WriteAllText(Path.Combine(root.FullName, "tests", "X.Tests.csproj"), "<Project Sdk=\"Mine\" />\n");

        var act = () => PlanWriter.Compare(root.FullName, Wanted);

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith($"{root.FullName}/tests/X.Tests.csproj: there already, with other content than init writes, and init never overwrites a file");
    }

    [Fact]
    public void A_file_that_appears_between_plan_and_write_takes_back_everything_written()
    {
        File.WriteAllText(Path.Combine(root.FullName, ".dockerignore"), ".git\n");
        var plan = PlanWriter.Compare(root.FullName, Wanted);
        Directory.CreateDirectory(Path.Combine(root.FullName, "tests", "sub"));
        File.WriteAllText(Path.Combine(root.FullName, "tests", "sub", "Fixture.cs"), "// someone else's\n");

        var act = () => PlanWriter.Write(root.FullName, plan);

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith("could not write the files init planned (").And.EndWith("nothing was written; run init again.");
        Directory.EnumerateFiles(root.FullName, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root.FullName, f))
            .Should().BeEquivalentTo(".dockerignore", "tests/sub/Fixture.cs");
        File.ReadAllText(Path.Combine(root.FullName, "tests", "sub", "Fixture.cs")).Should().Be("// someone else's\n");
        File.ReadAllText(Path.Combine(root.FullName, ".dockerignore")).Should().Be(".git\n");
    }

    [Theory]
    [InlineData("tests\n")]
    [InlineData("/tests/\n**/obj\n")]
    public void Dockerignore_that_already_keeps_tests_out_is_left_alone(string text)
    {
        File.WriteAllText(Path.Combine(root.FullName, ".dockerignore"), text);

        PlanWriter.Compare(root.FullName, Wanted).Single(f => f.Path == ".dockerignore").Action.Should().Be(PlannedFileAction.Unchanged);
    }

    public void Dispose() => root.Delete(recursive: true);
}
