using InfraTests.Cli;
using InfraTests.Cli.Output;
using InfraTests.Harness;

// First thing: the phase clock (`--timings`) reads how long the process took to get here.
var timings = PhaseTimings.FromProcessStart();
return await CliApplication.RunAsync(args, CliConsole.FromSystem(timings));
