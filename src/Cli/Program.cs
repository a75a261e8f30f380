using InfraTests.Cli;
using InfraTests.Cli.Output;

return await CliApplication.RunAsync(args, CliConsole.FromSystem());
