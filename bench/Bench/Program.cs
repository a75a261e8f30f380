using InfraTests.Bench;

// infratests-bench: measurements of InfraTests itself, one subcommand each; bench/run builds and runs it.
return args switch
{
    ["render", .. var rest] => RenderBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: infratests-bench render [--domains N] [--runs N]");
    Console.Error.WriteLine("  render  renders a copy of samples/bind with N generated domains (default 10000) and times it");
    return 2;
}
