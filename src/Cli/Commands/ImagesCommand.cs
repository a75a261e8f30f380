using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests images</c>: what each tag the service description names (production, previous, next…) resolves to now:
/// digest, creation time and the daemon version the image answers with (each started briefly with its baked data).
/// </summary>
internal static class ImagesCommand
{
    public static Command Create(CliConsole console)
    {
        var tag = new Option<string?>("--tag") { Description = "Only this tag role (or literal tag) instead of every tag the description names." };
        var (root, verbose, json) = (CommonOptions.Root(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("images", "List what the production tag (and previous, next…) resolve to now: digest, created, daemon version.")
        {
            tag, root, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "images", parse.GetValue(verbose), parse.GetValue(json), () => RunAsync(
            console, parse.GetValue(root)!, parse.GetValue(tag), parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string rootPath, string? only, bool json, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var description = root.Description;
        var roles = only is null
            ? description.Tags.Keys.OrderBy(r => Array.IndexOf(["next", "previous", "production"], r) * -1).ThenBy(r => r, StringComparer.Ordinal).ToList()
            : [only];
        var tags = await console.WithProgressAsync($"resolving {roles.Count} tag(s) of {description.Image}", progress =>
            Task.WhenAll(roles.Select(role => DescribeAsync(root, role, progress, cancellationToken))));

        if (json)
        {
            JsonOutput.Write(console, new ImagesDocument("images", root.Path, description.Image, tags));
        }
        else
        {
            Print(console, description, tags);
        }

        return tags.Any(t => t.Error is not null) ? Failure.BadInput : 0;
    }

    private static async Task<TagDocument> DescribeAsync(ServiceRoot root, string role, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var reference = root.Description.ReferenceFor(role);
        var tag = reference[(reference.LastIndexOf(':') + 1)..];
        try
        {
            await using var service = await ServiceBuilder.For(root).WithTag(role).WithBakedData().WithProgress(progress).Build().StartAsync(cancellationToken);
            return new TagDocument(role, tag, reference, service.Image.Digest, service.Image.Created, service.Tested.DaemonVersion, null);
        }
        catch (InfraTestsException exception)
        {
            return new TagDocument(role, tag, reference, null, null, null, exception.Message);
        }
    }

    private static void Print(CliConsole console, ServiceDescription description, IReadOnlyList<TagDocument> tags)
    {
        console.Ansi.MarkupLine($"[bold]{Markup.Escape(description.Image)}[/] ({Markup.Escape(description.Path)})");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Role").AddColumn("Tag").AddColumn("Digest").AddColumn("Created (UTC)").AddColumn("Daemon");
        foreach (var tag in tags)
        {
            table.AddRow(
                Markup.Escape(tag.Role),
                Markup.Escape(tag.Tag),
                tag.Digest is null ? "[red]unresolved[/]" : Markup.Escape(tag.Digest),
                tag.Created is { } created ? created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "-",
                Markup.Escape(tag.DaemonVersion ?? "-"));
        }

        console.WriteTable(table);
        foreach (var tag in tags.Where(t => t.Error is not null))
        {
            console.Error.WriteLine($"infratests: {tag.Role}: {tag.Error}");
        }
    }
}
