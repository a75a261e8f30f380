using InfraTests.Cli.Output;
using InfraTests.Harness;

namespace InfraTests.Cli.Commands;

/// <summary>
/// The CLI's exit-code contract: 0 all as expected, 1 the checks ran and a verdict was not the expected one, 2 bad input
/// or a broken machine, told in one line on stderr (and as a JSON document with --json); a stack trace only with --verbose.
/// </summary>
internal static class Failure
{
    public const int VerdictNotExpected = 1;

    public const int BadInput = 2;

    public static async Task<int> GuardAsync(CliConsole console, string command, bool verbose, bool json, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (InfraTestsException exception)
        {
            return Report(console, command, json, exception.Message, verbose ? exception.InnerException?.ToString() : null);
        }
        catch (OperationCanceledException)
        {
            return Report(console, command, json, "interrupted: nothing was left running.", null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Report(console, command, json, verbose ? exception.ToString() : $"{exception.GetType().Name}: {exception.Message} (run again with --verbose for details)", null);
        }
    }

    internal static int Report(CliConsole console, string command, bool json, string message, string? detail)
    {
        console.Error.WriteLine($"infratests: {message}");
        if (detail is not null)
        {
            console.Error.WriteLine(detail);
        }

        if (json)
        {
            JsonOutput.Write(console, new ErrorDocument(command, message, BadInput));
        }

        return BadInput;
    }
}
