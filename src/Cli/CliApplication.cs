using System.CommandLine;
using InfraTests.Cli.Commands;
using InfraTests.Cli.Output;

namespace InfraTests.Cli;

/// <summary>The <c>infratests</c> command line: every command over one console, so tests can run it in-process.</summary>
internal static class CliApplication
{
    public static RootCommand Create(CliConsole console) => new("InfraTests: ask the exact image production runs about your uncommitted working tree.")
    {
        InitCommand.Create(console),
        DoctorCommand.Create(console),
        CheckCommand.Create(console),
        RenderCommand.Create(console),
        ValidateCommand.Create(console),
        WatchCommand.Create(console),
        DiffCommand.Create(console),
        ImagesCommand.Create(console),
        AcceptCommand.Create(console),
        ContainersCommand.Create(console),
        RolloutCommand.Create(console),
        StatusCommand.Create(console),
        GateCommand.Create(console),
        PromoteCommand.Create(console),
        WebhookCommand.Create(console),
    };

    /// <summary>How long a command may take to stop after Ctrl+C or SIGTERM: a host being put back gets its restore.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMinutes(5);

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parse = Create(console).Parse(args);

        // System.CommandLine answers a parse error with the help text on stdout and exit 1, which a script reads as "a
        // verdict was not the expected one": report it as the bad input it is (exit 2, one line; with --json, the document).
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command is RootCommand ? "infratests" : parse.CommandResult.Command.Name;
            var usage = command == "infratests" ? "infratests --help" : $"infratests {command} --help";
            var error = string.Join("; ", parse.Errors.Select(e => string.Join(' ', e.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.')));
            return Task.FromResult(Failure.Report(console, command, args.Contains("--json"), $"{error}: see `{usage}`.", null));
        }

        // Ctrl+C or SIGTERM cancels the command's token; System.CommandLine then ends the process (130/143) if the command
        // has not returned within ProcessTerminationTimeout, 2 s unless set. A rollout or a webhook stopped mid-rollout
        // puts the current host back first (a kept tree written, UPDATE_METHOD and VALIDATE_METHOD, each with at least a
        // minute): let it. A rollout killed anyway is put right by the next one (its journal).
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = StopGrace };
        return parse.InvokeAsync(invocation, cancellationToken);
    }
}
