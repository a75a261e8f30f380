namespace InfraTests.Unit.Rollout;

/// <summary>How a <see cref="FakeTargetAccess"/> answers one command: an exit code and words, after a delay.</summary>
/// <param name="ExitCode">The exit code; 0 passes.</param>
/// <param name="Words">What the command says (its standard output).</param>
/// <param name="Delay">How long it runs first; <see cref="Timeout.InfiniteTimeSpan"/> runs until the step's token is cancelled.</param>
/// <param name="Error">Thrown instead of answering, as a connection to the engine that breaks mid-command would.</param>
internal sealed record ExecAnswer(long ExitCode, string Words = "", TimeSpan Delay = default, Exception? Error = null)
{
    /// <summary>Exit 0 at once.</summary>
    public static ExecAnswer Passes { get; } = new(0);

    /// <summary>Never finishes on its own: only the step's timeout (its cancellation) ends it.</summary>
    public static ExecAnswer Hangs { get; } = new(0, Delay: Timeout.InfiniteTimeSpan);

    /// <summary>Exits <paramref name="exitCode"/> saying <paramref name="words"/>.</summary>
    public static ExecAnswer Fails(string words, long exitCode = 1) => new(exitCode, words);

    /// <summary>Throws <paramref name="error"/>: the command's fate is unknown.</summary>
    public static ExecAnswer Raises(Exception error) => new(0, Error: error);
}
