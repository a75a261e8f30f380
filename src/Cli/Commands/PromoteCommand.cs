using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Rollout.Promotion;
using InfraTests.Rollout.Targets;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests promote</c>: a Swarm service moved to the digest the gate tested, through Swarm's own rolling update
/// with a health gate and rollback on failure; exit 0 on the digest, 1 rolled back (or still under way), 2 bad input or an
/// untested digest, the service untouched.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create(CliConsole console)
    {
        var service = new Option<string>("--service") { Description = "The Swarm service to promote (its name or id).", Required = true };
        var context = new Option<string?>("--context") { Description = "The Docker context of a manager of the service's swarm (default: the current engine)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "A manager's engine endpoint instead, unix:///… or tcp://…." };
        var digest = new Option<string?>("--digest") { Description = "The digest to promote to, sha256:…; it must be one the gate passed. Default: the newest digest of the service's repository the gate passed." };
        var parallelism = new Option<int>("--parallelism") { Description = "Tasks replaced at a time.", DefaultValueFactory = _ => 1 };
        var delay = new Option<string>("--delay") { Description = "Wait between batches of tasks, e.g. 0s, 10s.", DefaultValueFactory = _ => "0s" };
        var monitor = new Option<string?>("--monitor") { Description = "How long Swarm watches each new task for failure; default: the time the health gate needs to turn a broken task unhealthy (at least 5s)." };
        var noHealthGate = new Option<bool>("--no-health-gate") { Description = "Promote an image with no HEALTHCHECK and no MONITOR_METHOD: Swarm then only sees tasks that exit." };
        var withRegistryAuth = new Option<bool>("--with-registry-auth") { Description = "Send your docker login credentials for the image's registry to the swarm with the update, so every node pulls with them (as docker service update --with-registry-auth)." };
        var records = RolloutOptions.RecordsOption();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("promote", "Move a Swarm service to the digest the gate tested, through Swarm's rolling update: health gate, rollback on failure; exit 0 promoted, 1 rolled back, 2 refused.")
        {
            service, context, endpoint, digest, parallelism, delay, monitor, noHealthGate, withRegistryAuth, records, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "promote", parse.GetValue(verbose), parse.GetValue(json), async () =>
        {
            var name = parse.GetValue(service)!;
            var manager = (parse.GetValue(context), parse.GetValue(endpoint)) switch
            {
                ({ } c, null) => DockerContexts.Resolve(c),
                (null, { } e) => TargetEndpoint.FromUri(e),
                (null, null) => DockerContexts.Resolve(DockerContexts.Default),
                _ => throw new InfraTestsException("give the swarm's manager with --context or --endpoint, not both."),
            };
            var pacing = new UpdatePacing(
                parse.GetValue(parallelism),
                RolloutOptions.Duration(parse.GetValue(delay)!, "--delay"),
                parse.GetValue(monitor) is { } m ? RolloutOptions.Duration(m, "--monitor") : null);
            var request = new PromotionRequest(name, manager, parse.GetValue(records)!)
            {
                Digest = parse.GetValue(digest), Pacing = pacing, WithoutHealthGate = parse.GetValue(noHealthGate), WithRegistryAuth = parse.GetValue(withRegistryAuth),
            };
            // With --json, stdout holds the one document: Swarm's progress goes to stderr.
            var lines = parse.GetValue(json) ? console.Error : console.Out;
            PromotionResult result;
            try
            {
                result = await new ServicePromotion(request).RunAsync(new CliConsole.LineProgress(line => lines.WriteLine($"  {line}")), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Swarm's update is the manager's: stopping promote stops only the watching.
                console.Error.WriteLine($"infratests: interrupted: any update of service {name} Swarm began goes on without promote; run infratests promote --service {name} again to follow it.");
                return Failure.VerdictNotExpected;
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(console, new PromoteDocument("promote", name, manager.Name, result.Outcome, result.Digest, result.Sentence, result.Elapsed.TotalSeconds, result.OnDigest ? 0 : Failure.VerdictNotExpected));
                return result.OnDigest ? 0 : Failure.VerdictNotExpected;
            }

            if (result.OnDigest)
            {
                console.Out.WriteLine(result.Sentence);
                return 0;
            }

            console.Error.WriteLine($"infratests: {result.Sentence}");
            return Failure.VerdictNotExpected;
        }));
        return command;
    }
}
