using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness.Health;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests doctor</c>: what a user runs first when something is off. Prints the harness's findings (<see cref="Doctor"/>)
/// one line each, a mark (ok, warn, blocker) and, when not ok, what to do. Exit 0 without a blocker (warnings allowed),
/// 1 with one; a broken machine is a finding, never exit 2, which stays for input it cannot work from.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var (root, tag, verbose, json) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("doctor", "Look at everything a run needs (engine, registry, credentials, tag, image, contract, ports, reuse folder): one line per finding; exit 1 on a blocker.")
        {
            root, tag, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "doctor", parse.GetValue(verbose), parse.GetValue(json), () => RunAsync(
            console, parse.GetValue(root)!, parse.GetValue(tag)!, parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string rootPath, string tag, bool json, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var diagnosis = await console.WithProgressAsync("examining", progress => Doctor.ExamineAsync(root, tag, progress: progress, cancellationToken: cancellationToken));
        var exitCode = diagnosis.HasBlocker ? Failure.VerdictNotExpected : 0;
        if (json)
        {
            JsonOutput.Write(console, DoctorDocument.From(root.Path, diagnosis, exitCode));
            return exitCode;
        }

        console.Ansi.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] against {Markup.Escape(diagnosis.Reference)}");
        foreach (var finding in diagnosis.Findings)
        {
            var (mark, colour) = finding.Mark switch
            {
                FindingMark.Ok => ("ok", "green"),
                FindingMark.Warn => ("warn", "yellow"),
                _ => ("blocker", "red"),
            };
            // The mark in colour on a terminal; the rest as plain text, never wrapped: one line per finding for grep and logs.
            console.Ansi.Markup($"[{colour}]{mark,-7}[/] ");
            console.Out.WriteLine($"{finding.Subject,-12} {finding.Line}");
        }

        var (ok, warnings, blockers) = (diagnosis.Count(FindingMark.Ok), diagnosis.Count(FindingMark.Warn), diagnosis.Count(FindingMark.Blocker));
        console.Out.WriteLine($"{diagnosis.Findings.Count} findings: {ok} ok, {warnings} warning{(warnings == 1 ? string.Empty : "s")}, {blockers} blocker{(blockers == 1 ? string.Empty : "s")}{(blockers > 0 ? ": fix the first blocker, then run `infratests doctor` again" : string.Empty)}");
        return exitCode;
    }
}
