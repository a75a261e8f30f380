using System.CommandLine;
using InfraTests.Cli.Commands;
using InfraTests.Cli.Output;

namespace InfraTests.Cli;

/// <summary>The <c>infratests</c> command line: every command over one console, so tests can run it in-process.</summary>
internal static class CliApplication
{
    public static RootCommand Create(CliConsole console) => new("InfraTests: ask the exact image production runs about your uncommitted working tree.")
    {
        CheckCommand.Create(console),
        RenderCommand.Create(console),
        ValidateCommand.Create(console),
        DiffCommand.Create(console),
        ImagesCommand.Create(console),
        AcceptCommand.Create(console),
    };

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default) =>
        Create(console).Parse(args).InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
}
