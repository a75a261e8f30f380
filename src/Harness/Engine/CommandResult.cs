namespace InfraTests.Harness.Engine;

/// <summary>A command the image ran for us (update, validation, test mode): its exit code and its own words.</summary>
/// <param name="Command">The command as run, e.g. <c>/service/bin/validate.sh</c>.</param>
/// <param name="ExitCode">The exit code; 0 is success.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Duration">How long it ran.</param>
public sealed record CommandResult(string Command, long ExitCode, string Output, string Error, TimeSpan Duration)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard output then standard error, trimmed: the image's whole say.</summary>
    public string Words => string.Join(Environment.NewLine, new[] { Output.TrimEnd(), Error.TrimEnd() }.Where(s => s.Length > 0));
}
