using InfraTests.Bench;

// infratests-bench: measurements of InfraTests itself, one subcommand each; bench/run builds and runs it.
return args switch
{
    ["render", .. var rest] => RenderBenchmark.Run(rest),
    ["test-mode", .. var rest] => await TestModeBenchmark.RunAsync(rest),
    ["fleet", .. var rest] => await FleetBenchmark.RunAsync(rest),
    ["fleet-one", var mode, var count, var records] => await FleetBenchmark.OnceAsync(mode, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), records),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: infratests-bench render [--domains N] [--runs N] | test-mode [--runs N] [--tree DIR] | fleet [--targets N]");
    Console.Error.WriteLine("  render  renders a copy of samples/bind with N generated domains (default 10000) and times it");
    Console.Error.WriteLine("  test-mode  runs BIND's test mode through the harness N times (default 5) and prints the median seconds and phases");
    Console.Error.WriteLine("  fleet  rolls samples/rbldnsd's data out to N in-memory targets (default 10000) and prints the plan's cost per target and its peak memory");
    return 2;
}
