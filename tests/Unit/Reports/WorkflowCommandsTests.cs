using FluentAssertions;
using InfraTests.Harness.Reports;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.Reports;

/// <summary>The GitHub workflow commands of a run: where they point and how their text is escaped.</summary>
public sealed class WorkflowCommandsTests
{
    [Fact]
    public void Problem_is_annotated_at_its_line_relative_to_the_repository_holding_the_service()
    {
        using var folder = new ReportFolder();
        var verdict = Rejected(folder.Service, new ReportedProblem("zones/bl", 61, "invalid A RR"));

        WorkflowCommands.For([verdict], Environments.Local)
            .Should().Be("::error file=services/rbl/zones/bl,line=61,title=Rbl.Tests.Every_zone_line_validates::invalid A RR\n");
    }

    [Fact]
    public void Workspace_of_the_ci_job_is_the_root_when_the_file_is_inside_it()
    {
        using var folder = new ReportFolder();

        WorkflowCommands.RepositoryPath(folder.Service, "zones/bl", Environments.With(("GITHUB_WORKSPACE", Path.Combine(folder.Repository, "services"))))
            .Should().Be("rbl/zones/bl");
        WorkflowCommands.RepositoryPath(folder.Service, "zones/bl", Environments.With(("GITHUB_WORKSPACE", "/elsewhere")))
            .Should().Be("services/rbl/zones/bl", "a workspace that does not hold the file says nothing about it");
    }

    [Fact]
    public void Tree_outside_any_repository_leaves_the_file_as_the_image_named_it()
    {
        var tree = Directory.CreateTempSubdirectory("infratests-norepo-").FullName;
        try
        {
            WorkflowCommands.RepositoryPath(tree, "zones/bl", Environments.Local).Should().Be("zones/bl");
        }
        finally
        {
            Directory.Delete(tree);
        }
    }

    [Fact]
    public void Failure_naming_no_line_is_one_error_with_its_first_line()
    {
        var verdict = new ReportedVerdict(false, "sh8.mailingliststart.com to be listed in senderhost.bl.rbl", "not listed (NXDOMAIN)")
        {
            Failure = "Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl, but the server answered NXDOMAIN.\nDaemon log:\n  | loaded",
        };

        WorkflowCommands.For([verdict, verdict with { Passed = true }], Environments.Local).Should().Be(
            "::error title=sh8.mailingliststart.com to be listed in senderhost.bl.rbl::Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl, but the server answered NXDOMAIN.\n");
    }

    [Fact]
    public void Properties_and_message_are_escaped_as_githubs_toolkit_escapes_them()
    {
        WorkflowCommands.Error("a,b:c", 1, "50% done, see: x", "two\r\nlines 100%")
            .Should().Be("::error file=a%2Cb%3Ac,line=1,title=50%25 done%2C see%3A x::two%0D%0Alines 100%25\n");
    }

    private static ReportedVerdict Rejected(string tree, params ReportedProblem[] problems) =>
        new(false, "/service/bin/validate.sh to pass", "exited 1")
        {
            Test = "Rbl.Tests.Every_zone_line_validates",
            Failure = "Expected /service/bin/validate.sh to pass, but it exited 1",
            Tree = tree,
            Problems = problems,
        };
}
