using FluentAssertions;
using InfraTests.Harness.Reports;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.Reports;

/// <summary>Where the report goes: where Microsoft.Testing.Platform puts the TRX.</summary>
public sealed class ResultsFolderTests
{
    [Fact]
    public void Results_directory_option_of_the_run_wins()
    {
        ResultsFolder.Resolve(["x.dll", "--report-trx", "--results-directory", "/ci/out", "--server"], Environments.With(("DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", "/repo/tests")), "/repo/tests/bin")
            .Should().Be("/ci/out");
    }

    [Fact]
    public void Without_the_option_it_is_TestResults_where_dotnet_test_ran()
    {
        ResultsFolder.Resolve(["x.dll", "--server"], Environments.With(("DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", "/repo/tests")), "/repo/tests/bin/Debug/net10.0")
            .Should().Be("/repo/tests/TestResults");
        ResultsFolder.Resolve(["x.dll"], Environments.Local, "/repo/tests/bin/Debug/net10.0")
            .Should().Be("/repo/tests/bin/Debug/net10.0/TestResults", "the test executable run directly writes beside itself, as the platform does");
    }
}
