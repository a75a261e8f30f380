using System.CommandLine;
using InfraTests.Cli.Commands;

var root = new RootCommand("InfraTests: ask the exact image production runs about your uncommitted working tree.")
{
    CheckCommand.Create(),
    RenderCommand.Create(),
    DiffCommand.Create(),
    AcceptCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
