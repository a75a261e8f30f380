namespace InfraTests.Harness.Reports;

/// <summary>
/// The folder Microsoft.Testing.Platform writes a run's TRX into, found the way it finds it, so InfraTests' report lands
/// beside it: the run's <c>--results-directory</c>, else <c>TestResults</c> under the folder <c>dotnet test</c> ran in (the
/// SDK passes it as <c>DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY</c>), else under the current folder.
/// </summary>
internal static class ResultsFolder
{
    /// <summary>The option naming the results folder on the test process's command line.</summary>
    public const string Option = "--results-directory";

    /// <summary>The variable the .NET SDK's <c>dotnet test</c> sets to the folder it was run in.</summary>
    public const string WorkingDirectoryVariable = "DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY";

    /// <summary>The absolute results folder for a process started with <paramref name="arguments"/>.</summary>
    public static string Resolve(IReadOnlyList<string> arguments, Func<string, string?> environment, string currentDirectory)
    {
        var at = arguments.ToList().FindLastIndex(a => a == Option);
        var named = at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : arguments.LastOrDefault(a => a.StartsWith(Option + "=", StringComparison.Ordinal))?[(Option.Length + 1)..];
        var from = environment(WorkingDirectoryVariable) is { Length: > 0 } dotnetTest ? dotnetTest : currentDirectory;
        return Path.GetFullPath(named ?? "TestResults", from);
    }
}
