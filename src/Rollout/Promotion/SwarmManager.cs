using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// The Swarm calls a promotion makes of a manager's engine API (services, tasks, the image it would run, a task's health
/// log), as plain HTTP and whole JSON documents through the engine connection the rest of the code uses.
/// </summary>
internal sealed class SwarmManager(DockerEngine engine, string name)
{
    /// <summary>What the operator calls this engine (the context or endpoint).</summary>
    public string Name => name;

    /// <summary>The service by name or id; one line when there is none or this engine manages no swarm.</summary>
    public async Task<SwarmService> ServiceAsync(string service, CancellationToken cancellationToken)
    {
        JsonDocument? answer;
        try
        {
            answer = await engine.Api.GetDocumentAsync($"/services/{Uri.EscapeDataString(service)}", cancellationToken).ConfigureAwait(false);
        }
        catch (Docker.DotNet.DockerApiException exception) when (exception.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new InfraTestsException($"{name} is not a Swarm manager ({Said(exception.ResponseBody ?? exception.Message)}): give --context or --endpoint of a manager of the service's swarm (docker node ls shows them).", exception);
        }

        using (answer)
        {
            return answer is null
                ? throw new InfraTestsException($"no Swarm service {service} on {name}: give its name or id as docker service ls shows it, or the manager of its swarm with --context/--endpoint.")
                : SwarmService.From(JsonNode.Parse(answer.RootElement.GetRawText()));
        }
    }

    /// <summary>
    /// Sends <paramref name="spec"/> as the service's new spec, at the version it was read at, with the registry credentials
    /// of <paramref name="sendCredentials"/> for the tasks' pulls (as <c>docker service update --with-registry-auth</c>; null:
    /// Swarm keeps the credentials the service holds). A change made meanwhile (a version that moved, Swarm's "update out of
    /// sequence") is one line: someone else changed it.
    /// </summary>
    public async Task UpdateAsync(SwarmService service, JsonObject spec, RegistryAccess? sendCredentials, CancellationToken cancellationToken)
    {
        var answer = await engine.Api.PostDocumentAsync($"/services/{service.Id}/update?version={service.Version}", Encoding.UTF8.GetBytes(spec.ToJsonString()), cancellationToken, sendCredentials?.Headers).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.OK)
        {
            return;
        }

        var said = sendCredentials?.Redact(Said(answer.Body)) ?? Said(answer.Body);
        if (answer.Status == HttpStatusCode.Conflict || answer.Body.Contains("out of sequence", StringComparison.OrdinalIgnoreCase))
        {
            throw new InfraTestsException($"service {service.Name} changed while promote read it (version {service.Version} is no longer current: {said}): someone else updated it; look at what changed (docker service inspect {service.Name}) and run promote again.");
        }

        throw new InfraTestsException($"{name} refused the update of service {service.Name} ({(int)answer.Status}: {said}): nothing was changed.");
    }

    /// <summary>The service's tasks, current and past (Swarm keeps a few per slot).</summary>
    public async Task<IReadOnlyList<ServiceTask>> TasksAsync(SwarmService service, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString($"{{\"service\":{{\"{service.Id}\":true}}}}");
        using var answer = await engine.Api.GetDocumentAsync($"/tasks?filters={filter}", cancellationToken).ConfigureAwait(false);
        return answer is null ? [] : [.. JsonNode.Parse(answer.RootElement.GetRawText())!.AsArray().Where(t => t is not null).Select(t => ServiceTask.From(t!))];
    }

    /// <summary>
    /// The image's HEALTHCHECK, ENV and exposed ports: from the manager's engine when it has the image, else from the
    /// registry with <paramref name="access"/>'s credentials, reading the manifest and config only (nothing is pulled onto
    /// the manager: the tasks' nodes pull it). One line when the registry has no such image or refuses.
    /// </summary>
    public async Task<(HealthProbe? Healthcheck, IReadOnlyList<string> Environment, IReadOnlyList<string> ExposedPorts)> ImageAsync(ImageReference image, string digest, RegistryAccess access, CancellationToken cancellationToken)
    {
        var pinned = $"{image.Repository}@{digest}";
        using var inspected = await engine.Api.GetDocumentAsync($"/images/{pinned}/json", cancellationToken).ConfigureAwait(false);
        if (inspected is not null)
        {
            return Facts(JsonNode.Parse(inspected.RootElement.GetRawText())?["Config"]);
        }

        using var info = await engine.Api.GetDocumentAsync("/info", cancellationToken).ConfigureAwait(false);
        var architecture = ImagePlatform.OfEngine(info?.RootElement.Text("Architecture") ?? "x86_64");
        using var registry = new RegistryClient(access, RegistryTrust.Ordinary(Path.GetDirectoryName(access.ConfigPath)!));
        using var config = await registry.ImageConfigAsync(new ImageTag(image.Repository, image.Tag ?? digest, "promoted", "--digest"), digest, architecture, cancellationToken).ConfigureAwait(false);
        return Facts(JsonNode.Parse(config.RootElement.GetRawText())?["config"]);

        static (HealthProbe?, IReadOnlyList<string>, IReadOnlyList<string>) Facts(JsonNode? config) => (
            HealthProbe.From(config?["Healthcheck"]),
            config?["Env"] is JsonArray env ? [.. env.Select(e => e?.GetValue<string>() ?? string.Empty)] : [],
            config?["ExposedPorts"] is JsonObject ports ? [.. ports.Select(p => p.Key)] : []);
    }

    /// <summary>The last health check output of a task's container, when it turned unhealthy; null otherwise or when it is gone.</summary>
    public async Task<string?> UnhealthyOutputAsync(string containerId, CancellationToken cancellationToken)
    {
        using var inspected = await engine.Api.GetDocumentAsync($"/containers/{Uri.EscapeDataString(containerId)}/json", cancellationToken).ConfigureAwait(false);
        if (inspected?.RootElement.Member("State")?.Member("Health") is not { } health || health.Text("Status") != "unhealthy")
        {
            return null;
        }

        return health.Member("Log") is { ValueKind: JsonValueKind.Array } log && log.GetArrayLength() > 0 ? log[log.GetArrayLength() - 1].Text("Output")?.Trim() : null;
    }

    // The engine's refusal, one line: its "message" when it sent JSON.
    private static string Said(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.Text("message") ?? body.Trim();
        }
        catch (JsonException)
        {
            return body.Trim().ReplaceLineEndings(" ");
        }
    }
}
