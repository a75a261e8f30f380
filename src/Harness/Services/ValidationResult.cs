using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Services;

/// <summary>The outcome of the image's own validation (or test mode) over a working tree.</summary>
/// <param name="Run">The command as it ran, with its output.</param>
/// <param name="Problems">The problems it named, each with file and line.</param>
public sealed record ValidationResult(CommandResult Run, IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>True when the image accepted the data.</summary>
    public bool Passed => Run.Succeeded;

    /// <summary>The working tree the image checked (absolute), which the problems' files are relative to; null when not known.</summary>
    public string? Tree { get; init; }

    /// <summary>The image that ran the check, by digest; null when not known.</summary>
    public string? Image { get; init; }

    /// <summary>Builds the result from a finished command, parsing its <c>path:line: message</c> lines.</summary>
    public static ValidationResult From(CommandResult run) => new(run, run.Succeeded ? [] : ValidationProblem.ParseAll(run.Words));
}
