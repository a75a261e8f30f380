using InfraTests.Harness;

namespace InfraTests.Cli.Commands;

/// <summary>Turns exceptions into the CLI's contract: one line on stderr and exit code 2, a stack trace only with --verbose.</summary>
internal static class Failure
{
    public const int BadInput = 2;

    public static async Task<int> GuardAsync(bool verbose, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (InfraTestsException exception)
        {
            Console.Error.WriteLine($"infratests: {exception.Message}");
            if (verbose && exception.InnerException is { } cause)
            {
                Console.Error.WriteLine(cause);
            }

            return BadInput;
        }
        catch (Exception exception) when (!verbose && exception is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"infratests: {exception.GetType().Name}: {exception.Message} (run again with --verbose for details)");
            return BadInput;
        }
    }

    /// <summary>Progress goes to stderr, so stdout stays the answer alone.</summary>
    public static void Progress(string line) => Console.Error.WriteLine($"  {line}");
}
