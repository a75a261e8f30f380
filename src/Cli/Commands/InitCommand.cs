using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness.Adoption;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests init</c>: adopts InfraTests in a service repo. Reads what is there (infratests.yaml, or the image named with
/// <c>--image</c>, the Dockerfile, production's real image and its contract, the checks file), writes infratests.yaml when
/// missing and a test project in tests/, adds tests to .dockerignore, and says what it wrote and what the image lacks. The
/// planning is the harness's (<see cref="AdoptionBuilder"/>); this is the shell around it. Never overwrites a file.
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Option<string?>("--image") { Description = "Production's image, REGISTRY/REPOSITORY:TAG, when the repo has no infratests.yaml (a Dockerfile does not say the name production pulls)." };
        var assertions = new Option<string?>("--assertions") { Description = "fluent (FluentAssertions 7) or awesome (AwesomeAssertions 9). Default: the one the repo's projects use, else fluent." };
        assertions.AcceptOnlyFromAmong("fluent", "awesome");
        var feed = new Option<string>("--feed") { Description = "The NuGet feed InfraTests.* is restored from.", DefaultValueFactory = _ => "http://127.0.0.1:5580/v3/index.json" };
        var source = new Option<string>("--nuget-source") { Description = "Where every other package is restored from.", DefaultValueFactory = _ => "https://api.nuget.org/v3/index.json" };
        var version = new Option<string?>("--infratests-version") { Description = "The InfraTests version to pin. Default: this tool's own; the feed must list it." };
        var (root, verbose, json) = (CommonOptions.Root(), CommonOptions.Verbose(), CommonOptions.Json());
        root.Description = "The service repo (a git clone; the folder holding infratests.yaml or the Dockerfile). Default: the current folder.";
        var command = new Command("init", "Adopt InfraTests in this service repo: infratests.yaml when missing, a test project in tests/ derived from the image's contract, tests in .dockerignore. Never overwrites a file.")
        {
            image, assertions, feed, source, version, root, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "init", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            var builder = AdoptionBuilder.For(parse.GetValue(root)!).WithFeed(parse.GetValue(feed)!).WithNuGetSource(parse.GetValue(source)!);
            builder = parse.GetValue(image) is { } named ? builder.WithImage(named) : builder;
            builder = parse.GetValue(version) is { } pinned ? builder.WithInfraTestsVersion(pinned) : builder;
            builder = parse.GetValue(assertions) switch
            {
                "fluent" => builder.WithAssertions(AssertionLibrary.FluentAssertions),
                "awesome" => builder.WithAssertions(AssertionLibrary.AwesomeAssertions),
                _ => builder,
            };
            return RunAsync(console, builder, parse.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, AdoptionBuilder builder, bool json, CancellationToken cancellationToken)
    {
        var plan = await console.WithProgressAsync("reading the service repo", progress => builder.WithProgress(progress).Build().PlanAsync(cancellationToken));
        var written = plan.Apply();
        if (json)
        {
            JsonOutput.Write(console, InitDocument.From(plan));
            return 0;
        }

        console.Out.WriteLine($"{plan.Root}: production's image {plan.Image.TagReference} is {plan.Image.ShortDigest}, InfraTests {plan.Version}");
        if (plan.NothingToDo)
        {
            var project = plan.Files.Where(f => f.Path.StartsWith("tests/", StringComparison.Ordinal)).ToList();
            console.Out.WriteLine($"nothing to do: the {project.Count} files of tests/ are there as init writes them, and {string.Join(", ", plan.Files.Where(f => !f.Path.StartsWith("tests/", StringComparison.Ordinal)).Select(f => f.Path))} too");
        }
        else
        {
            var width = plan.Files.Max(f => f.Path.Length);
            foreach (var file in plan.Files)
            {
                var (mark, path) = file.Action switch
                {
                    PlannedFileAction.Create => ("wrote", file.Path),
                    PlannedFileAction.Append => ("added", $"tests to {file.Path}"),
                    _ => ("kept", file.Path),
                };
                console.Out.WriteLine($"{mark,-7} {path.PadRight(width + 9)} {file.What}");
            }

            console.Out.WriteLine($"{written.Count} file{(written.Count == 1 ? string.Empty : "s")} written");
        }

        foreach (var note in plan.Notes)
        {
            console.Out.WriteLine($"note    {note}");
        }

        foreach (var gap in plan.Gaps)
        {
            console.Out.WriteLine($"lacks   {gap}");
        }

        var tests = Path.Combine(plan.Root, "tests");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), tests);
        tests = relative.StartsWith("..", StringComparison.Ordinal) ? tests : relative;
        console.Out.WriteLine($"next    cd {tests} && dotnet test   (something off? `infratests doctor`)");
        console.Out.WriteLine("then    dotnet watch test --no-restore   (every save re-runs the suite; after changing a package, dotnet restore)");
        return 0;
    }
}
