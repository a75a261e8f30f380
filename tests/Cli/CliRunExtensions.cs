namespace InfraTests.Cli.Tests;

/// <summary>The entry to <see cref="CliRunAssertions"/>.</summary>
internal static class CliRunExtensions
{
    public static CliRunAssertions Should(this CliRun run) => new(run);
}
