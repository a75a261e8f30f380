using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests validate</c>: the image's own checks against the working tree, its words streamed as they come. First its
/// one-shot test mode (<c>TEST_METHOD</c>) where it has one, stopping there on failure like the operator's <c>rake test</c>;
/// then its <c>VALIDATE_METHOD</c> inside the running daemon. Exit 0 when every check passed, 1 when one failed.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var (root, tag, verbose, json) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("validate", "Run the production image's own validation (and its test mode) against your working tree.")
        {
            root, tag, json, verbose,
        };
        var fleet = new FleetOptions();
        fleet.AddTo(command);
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "validate", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            fleet.Apply(parse);
            return RunAsync(
            console, parse.GetValue(root)!, parse.GetValue(tag)!, parse.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string rootPath, string tag, bool json, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var progress = new CliConsole.LineProgress(line => console.Error.WriteLine($"  {line}"));
        var builder = ServiceBuilder.For(root).WithTag(tag).WithProgress(progress);
        if (!json)
        {
            builder = builder.WithOutput(new CliConsole.LineProgress(line => console.Out.WriteLine($"  | {line}")));
        }

        var image = await builder.BuildImage().ResolveAsync(cancellationToken);
        var steps = new List<ValidationStep>();
        if (image.Contract.TestMethod is { } testMethod)
        {
            Heading(console, json, $"test mode: {testMethod} in a fresh container over {root.Path}");
            var result = await builder.BuildTestMode().RunAsync(cancellationToken);
            steps.Add(ValidationStep.From("test", result));
            Verdict(console, json, result.Passed, result.Run.ExitCode, result.Run.Duration);
        }

        if (steps.All(s => s.Passed))
        {
            Heading(console, json, $"validation: {image.Contract.ValidateMethod} in the running daemon over {root.Path}");
            steps.Add(await ValidateInDaemonAsync(builder, image.Contract.ValidateMethod, cancellationToken));
            Verdict(console, json, steps[^1].Passed, steps[^1].ExitCode, TimeSpan.FromSeconds(steps[^1].Seconds));
            if (steps[^1].Error is { } error && !json)
            {
                console.Out.WriteLine($"  {error}");
            }
        }

        var passed = steps.All(s => s.Passed);
        if (json)
        {
            JsonOutput.Write(console, new ValidateDocument("validate", root.Path, ImageDocument.From(image), passed, steps));
        }
        else
        {
            console.Ansi.MarkupLine(passed
                ? $"[green]PASSED[/]: {Markup.Escape(image.PinnedReference)} accepts {Markup.Escape(root.Path)}"
                : $"[red]FAILED[/]: {Markup.Escape(image.PinnedReference)} rejects {Markup.Escape(root.Path)}");
        }

        return passed ? 0 : Failure.VerdictNotExpected;
    }

    // A tree the daemon cannot even start with has failed validation: say so with the daemon's words, not as bad input.
    private static async Task<ValidationStep> ValidateInDaemonAsync(ServiceBuilder builder, string method, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var service = await builder.Build().StartAsync(cancellationToken);
            return ValidationStep.From("validate", await service.RunValidationAsync(cancellationToken));
        }
        catch (InfraTestsException exception) when (exception is not Harness.Images.ImageNotFoundException)
        {
            return new ValidationStep("validate", method, false, null, Math.Round(clock.Elapsed.TotalSeconds, 3), string.Empty, [], $"the daemon did not start with this tree: {exception.Message}");
        }
    }

    private static void Heading(CliConsole console, bool json, string text)
    {
        if (!json)
        {
            console.Ansi.MarkupLine($"[bold]{Markup.Escape(text)}[/]");
        }
    }

    private static void Verdict(CliConsole console, bool json, bool passed, long? exitCode, TimeSpan duration)
    {
        if (!json)
        {
            console.Ansi.MarkupLine($"  {(passed ? "[green]passed[/]" : "[red]failed[/]")} (exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {Words.Seconds(duration)})");
        }
    }
}
