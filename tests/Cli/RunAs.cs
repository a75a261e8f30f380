namespace InfraTests.Cli.Tests;

/// <summary>The two ways a test runs the command: through <see cref="CliApplication"/> in this process, or as the real process.</summary>
public enum RunAs
{
    InProcess,
    Process,
}
