using System.Formats.Tar;
using System.Text;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// What the promote tests read and make on the first engine (the swarm's manager): an image's digest in a repository, the
/// image each task's container runs, the service's spec as the manager keeps it, the gate's record of a digest tested,
/// and a broken image (its MONITOR_METHOD always CRITICAL) built FROM the sample's stable image.
/// </summary>
internal static class PromotedService
{
    /// <summary>The digest (<c>sha256:…</c>) of <paramref name="image"/> in <paramref name="repository"/> on the first engine.</summary>
    public static async Task<string> DigestAsync(string image, string repository, CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        var inspected = await engine.Client.Images.InspectImageAsync(image, ct);
        var pinned = inspected.RepoDigests.First(d => d.StartsWith(repository + "@", StringComparison.Ordinal));
        return pinned[(pinned.IndexOf('@', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>The image id of <paramref name="image"/> on the first engine.</summary>
    public static async Task<string> ImageIdAsync(string image, CancellationToken ct) =>
        (await (await DockerEngine.ConnectAsync(ct)).Client.Images.InspectImageAsync(image, ct)).ID;

    /// <summary>The image id each running task's container was made from, by slot.</summary>
    public static async Task<IReadOnlyList<string>> TaskImagesAsync(SwarmFleet service, CancellationToken ct)
    {
        var images = new List<string>();
        foreach (var task in await service.RunningTasksAsync(ct))
        {
            images.Add((await service.Engine.Client.Containers.InspectContainerAsync(task.ContainerId, ct)).Image);
        }

        return images;
    }

    /// <summary>The service's spec and version as the manager keeps them.</summary>
    public static async Task<(ulong Version, string Spec)> SpecAsync(SwarmFleet service, CancellationToken ct)
    {
        var inspected = await service.Engine.Client.Swarm.InspectServiceAsync(service.Id, ct);
        return (inspected.Version?.Index ?? 0, System.Text.Json.JsonSerializer.Serialize(inspected.Spec));
    }

    /// <summary>Waits until Swarm reports an update of the service under way, and returns when it began.</summary>
    public static async Task<DateTime?> UpdateStartedAsync(SwarmFleet service, CancellationToken ct)
    {
        // bound: a poll for the event (Swarm's UpdateStatus says updating), 600 tries 100 ms apart: promote starts, reads the
        // gate's records and the image and posts the update in a few seconds; a minute covers a loaded machine.
        for (var tries = 0; ; tries++)
        {
            var status = (await service.Engine.Client.Swarm.InspectServiceAsync(service.Id, ct)).UpdateStatus;
            if (status?.State == "updating")
            {
                return status.StartedAt;
            }

            if (tries >= 600)
            {
                throw new TimeoutException($"no update of service {service.Name} began within a minute (UpdateStatus: {status?.State ?? "none"})");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// A records folder of the test's own with the gate's record of <paramref name="repo"/> tested on <paramref name="digest"/>
    /// (null: production's tag), made as an operator's nightly makes it: <c>infratests gate</c>.
    /// </summary>
    public static async Task<(string Records, GateRecord Gate)> GatedAsync(ServiceRepo repo, string? digest, CancellationToken ct)
    {
        var records = Directory.CreateTempSubdirectory("infratests-promote-records-").FullName;
        var run = await CliRun.InProcessAsync(["gate", "--root", repo.Path, "--records", records, .. digest is null ? Array.Empty<string>() : ["--digest", digest]]);
        run.ExitCode.Should().BeOneOf([0, 1], "the gate ran and gave its verdict: {0}", run);
        return (records, GateRecords.History(records)[0]);
    }

    /// <summary>
    /// Builds FROM the sample's stable image one whose MONITOR_METHOD answers CRITICAL every time (the daemon serves as
    /// ever: test mode, validation and checks pass), tagged <paramref name="tag"/> on the first engine only.
    /// </summary>
    public static async Task BuildBrokenMonitorAsync(string tag, CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        var dockerfile = $"FROM {Fleet.Image}\nRUN printf '#!/bin/sh\\necho \"RBLDNSD CRITICAL - broken on purpose\"\\nexit 2\\n' > /service/bin/monitor.sh && chmod +x /service/bin/monitor.sh\n";
        using var context = new MemoryStream();
        using (var tar = new TarWriter(context, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(dockerfile)) });
        }

        context.Position = 0;
        await engine.Client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [tag], Remove = true, ForceRemove = true }, context, null, null, new Progress<JSONMessage>(), ct);
    }

    /// <summary>
    /// Tags <paramref name="source"/> as <paramref name="target"/> and pushes it with the docker CLI, as an operator does, with
    /// the credentials of their <c>docker login</c>; returns its digest in <paramref name="target"/>'s repository.
    /// </summary>
    public static string PushWithDockerLogin(string source, string target)
    {
        ServiceRepo.Run(Path.GetTempPath(), "docker", "tag", source, target);
        ServiceRepo.Run(Path.GetTempPath(), "docker", "push", "--quiet", target);
        var repository = target[..target.LastIndexOf(':')];
        var digests = Encoding.UTF8.GetString(ServiceRepo.Run(Path.GetTempPath(), "docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", target));
        var pinned = digests.Split('\n').First(d => d.StartsWith(repository + "@", StringComparison.Ordinal));
        return pinned[(repository.Length + 1)..];
    }

    /// <summary>Untags <paramref name="references"/> of ours on the first engine (tags or digest references; the image stays while another tag holds it).</summary>
    public static void Forget(params string[] references)
    {
        foreach (var reference in references)
        {
            try
            {
                ServiceRepo.Run(Path.GetTempPath(), "docker", "image", "rm", "--no-prune", reference);
            }
            catch (InvalidOperationException)
            {
                // Not there (already untagged with its tag): nothing to forget.
            }
        }
    }

    /// <summary>The secured registry's password (setup/prepare.sh keeps it root-only), to prove no output holds it.</summary>
    public static string SecuredRegistryPassword() => File.ReadAllText("/var/lib/infratests/registry-auth/password").Trim();

    /// <summary>Removes a local tag of ours (the image goes with it when no other tag holds it).</summary>
    public static async Task RemoveTagAsync(string tag)
    {
        try
        {
            await (await DockerEngine.ConnectAsync()).Client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = false });
        }
        catch (Docker.DotNet.DockerApiException)
        {
            // Not there, or still held by a container being removed: the scratch repository's own removal takes it.
        }
    }
}
