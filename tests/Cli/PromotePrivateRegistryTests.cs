using System.Text;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests promote</c> of a service whose images live in a registry that asks for credentials (the secured registry
/// setup/prepare.sh runs on 127.0.0.1:5443), the tested digest on no engine yet: promote reads the image from the registry
/// with the operator's <c>docker login</c>, and Swarm's tasks can pull it only when <c>--with-registry-auth</c> sends
/// those credentials with the update; without, Swarm rolls back and promote says what to do.
/// </summary>
public sealed class PromotePrivateRegistryTests
{
    private const string Samples = "127.0.0.1:5000/samples/rbldnsd";

    [Fact]
    public async Task A_digest_in_a_private_registry_is_promoted_once_the_credentials_go_with_the_update()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = $"127.0.0.1:5443/scratch/promote-{Guid.NewGuid():N}"[..48];
        var previous = PromotedService.PushWithDockerLogin($"{Samples}:previous", $"{repository}:stable");
        var stable = PromotedService.PushWithDockerLogin(Fleet.Image, $"{repository}:next");
        try
        {
            using var repo = ServiceRepo.Create();
            repo.Commit("production in the private registry", tree =>
            {
                var description = Path.Combine(tree, "infratests.yaml");
                File.WriteAllText(description, File.ReadAllText(description).Replace($"image: {Samples}", $"image: {repository}", StringComparison.Ordinal));
            });
            var (records, gate) = await PromotedService.GatedAsync(repo, stable, ct);
            gate.Passed.Should().BeTrue(gate.Why);
            // The engine is every node here: without the tested digest on it, a task has to pull it from the registry.
            PromotedService.Forget($"{repository}:next", $"{repository}@{stable}");
            await using var service = await SwarmFleet.StartAsync($"{repository}:stable@{previous}", 1, ct, prefix: "promote-auth");

            var without = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records]);

            without.Should().ExitWith(1, "{0}", without);
            without.StdoutLines.Should().Contain(l => l.Contains($"the tasks pull it with the credentials service {service.Name} holds, if any; --with-registry-auth would send those of user 'infratests' for 127.0.0.1:5443 instead", StringComparison.Ordinal), "{0}", without);
            without.StderrLines.Should().ContainSingle().Which.Should()
                .StartWith($"infratests: service {service.Name} was not promoted to {stable[..19]}: Swarm rolled the update back")
                .And.Contain($"No such image: {repository}:stable@{stable}")
                .And.EndWith($"The tasks could not pull the image: if 127.0.0.1:5443 needs credentials, run promote --digest {stable} --with-registry-auth.");

            var local = () => ServiceRepo.Run(Path.GetTempPath(), "docker", "image", "inspect", $"{repository}@{stable}");
            local.Should().Throw<InvalidOperationException>("promote read the image from the registry and pulled nothing onto the manager");

            var with = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records, "--digest", stable, "--with-registry-auth", "--json"]);

            with.Should().Succeed();
            with.StderrLines.Should().Contain(l => l.Contains("the tasks pull it with user 'infratests' for 127.0.0.1:5443 from ", StringComparison.Ordinal), "progress goes to stderr with --json: {0}", with);
            using var document = JsonDocument.Parse(with.Stdout);
            document.RootElement.GetProperty("outcome").GetString().Should().Be("completed");
            document.RootElement.GetProperty("digest").GetString().Should().Be(stable);
            document.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0);
            var testedId = await PromotedService.ImageIdAsync(Fleet.Image, ct);
            (await PromotedService.TaskImagesAsync(service, ct)).Should().ContainSingle().Which.Should().Be(testedId, "the task pulled the tested digest with the credentials sent");
            Encoding.UTF8.GetString(ServiceRepo.Run(Path.GetTempPath(), "docker", "image", "inspect", "--format", "{{json .RepoDigests}}", Fleet.Image)).Should().Contain($"{repository}@{stable}", "the node pulled it from the private registry");
            (with.Stdout + with.Stderr + without.Stdout + without.Stderr).Should().NotContain(PromotedService.SecuredRegistryPassword(), "the password is never printed");
        }
        finally
        {
            PromotedService.Forget($"{repository}:stable", $"{repository}@{previous}", $"{repository}:next", $"{repository}@{stable}");
        }
    }
}
