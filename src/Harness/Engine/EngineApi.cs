using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Docker.DotNet;

namespace InfraTests.Harness.Engine;

/// <summary>
/// The engine calls every start makes (create, start, list, inspect, exec, follow the log, wait, remove), over plain
/// HTTP with pooled connections, the answers read as JSON documents for the few fields we use. Docker.DotNet's typed
/// models cost a quarter of a second of compilation in each new process (measured here: the same five calls 0.31 s
/// through it, 0.07 s this way), which `dotnet watch test` pays on every save and `infratests check` on every run.
/// Pulling, reading a past log, networks and image builds stay on <see cref="DockerEngine.Client"/>. A refusal is a
/// <see cref="DockerApiException"/>, as from Docker.DotNet.
/// </summary>
internal sealed class EngineApi(HttpClient http, Version apiVersion) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);
    private readonly string prefix = $"/v{apiVersion.ToString(2)}";

    /// <summary>Every container, running or not, whose <paramref name="label"/> is <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<EngineContainer>> ListContainersAsync(string label, string value, CancellationToken cancellationToken)
    {
        using var json = await GetAsync($"/containers/json?all=1&filters={LabelFilter(label, value)}", cancellationToken).ConfigureAwait(false);
        return json!.RootElement.EnumerateArray().Select(EngineContainer.From).ToList();
    }

    /// <summary>Every network whose <paramref name="label"/> is <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<EngineNetwork>> ListNetworksAsync(string label, string value, CancellationToken cancellationToken)
    {
        using var json = await GetAsync($"/networks?filters={LabelFilter(label, value)}", cancellationToken).ConfigureAwait(false);
        return json!.RootElement.EnumerateArray().Select(EngineNetwork.From).ToList();
    }

    /// <summary>The container's state, ports and addresses; a <see cref="DockerApiException"/> (404) when there is none.</summary>
    public async Task<ContainerDetails> InspectContainerAsync(string idOrName, CancellationToken cancellationToken)
    {
        using var json = await GetAsync($"/containers/{Uri.EscapeDataString(idOrName)}/json", cancellationToken).ConfigureAwait(false);
        return ContainerDetails.From(json!.RootElement);
    }

    /// <summary>The image's creation time, ENV and exposed ports; null when the engine does not have it.</summary>
    public async Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        using var json = await GetAsync($"/images/{reference}/json", cancellationToken, absentIsNull: true).ConfigureAwait(false);
        return json is null ? null : ImageDetails.From(json.RootElement);
    }

    /// <summary>
    /// Creates the container <paramref name="spec"/> describes, named <paramref name="name"/> (null: the engine picks one),
    /// and returns its id; a name taken already is a <see cref="DockerApiException"/> with status 409.
    /// </summary>
    public async Task<string> CreateContainerAsync(ContainerSpec spec, string? name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var query = name is null ? string.Empty : $"?name={Uri.EscapeDataString(name)}";
        using var created = await PostAsync($"/containers/create{query}", writer => spec.WriteCreateRequest(writer, labels), cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        return json.RootElement.Text("Id") ?? throw new DockerApiException(created.StatusCode, "the engine gave the container no id");
    }

    /// <summary>Starts a created container (one running already is left as it is).</summary>
    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var started = await PostAsync($"/containers/{Uri.EscapeDataString(containerId)}/start", body: null, cancellationToken, alsoFine: HttpStatusCode.NotModified).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows the container's log (stdout and stderr, from its start) until it exits, each line reported as it comes;
    /// returns both streams whole.
    /// </summary>
    public async Task<(string Stdout, string Stderr)> FollowLogAsync(string containerId, IProgress<string> lines, CancellationToken cancellationToken)
    {
        // Not bounded like the questions: the log ends when the container does; the caller's token stops the wait.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/containers/{Uri.EscapeDataString(containerId)}/logs?follow=1&stdout=1&stderr=1");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await RefuseUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await StreamedOutput.ReadFramesAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), lines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the container stops and returns its exit code.</summary>
    public async Task<long> WaitContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        // Not bounded like the questions: a one-shot run takes as long as it takes; the caller's token stops the wait.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{prefix}/containers/{Uri.EscapeDataString(containerId)}/wait");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await RefuseUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        return json.RootElement.Member("StatusCode") is { ValueKind: JsonValueKind.Number } code ? code.GetInt64() : -1;
    }

    /// <summary>
    /// Removes a container, running or not, with its anonymous volumes; false when there was none by that id (404) or the
    /// engine is removing it already (409, another run's sweep): either way it goes. The one removal every path uses.
    /// </summary>
    public async Task<bool> RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var bound = Bound(cancellationToken);
        var path = $"/containers/{Uri.EscapeDataString(containerId)}?force=1&v=1";
        try
        {
            using var response = await http.DeleteAsync(prefix + path, bound.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                return false;
            }

            await RefuseUnlessSuccessAsync(response, bound.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(path, exception);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (no shell) in the container, each line of its output reported as it comes; returns both
    /// streams and the exit code. Cancelled (a step's timeout, Ctrl+C), the command and every process it started are killed
    /// inside the container, and gone, before the cancellation reaches the caller (<see cref="ExecStop"/>).
    /// </summary>
    public async Task<(string Stdout, string Stderr, long ExitCode)> ExecAsync(string containerId, IReadOnlyList<string> command, IProgress<string> lines, CancellationToken cancellationToken)
    {
        var marker = ExecStop.NewMarker();
        var execId = await CreateExecAsync(containerId, command, marker, cancellationToken).ConfigureAwait(false);
        try
        {
            return await StartExecAsync(execId, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            await new ExecStop(this, containerId, execId, marker).RunAsync(string.Join(' ', command)).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An exec created in the container, not started; <paramref name="marker"/> (NAME=value), when given, is put in its environment.</summary>
    internal async Task<string> CreateExecAsync(string containerId, IReadOnlyList<string> command, string? marker, CancellationToken cancellationToken)
    {
        using var created = await PostAsync($"/containers/{Uri.EscapeDataString(containerId)}/exec", writer =>
        {
            writer.WriteStartArray("Cmd");
            foreach (var argument in command)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
            if (marker is not null)
            {
                writer.WriteStartArray("Env");
                writer.WriteStringValue(marker);
                writer.WriteEndArray();
            }

            writer.WriteBoolean("AttachStdout", true);
            writer.WriteBoolean("AttachStderr", true);
        }, cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        return json.RootElement.Text("Id") ?? throw new DockerApiException(created.StatusCode, "the engine gave the exec no id");
    }

    /// <summary>Starts an exec and reads its output until it ends; then its exit code.</summary>
    internal async Task<(string Stdout, string Stderr, long ExitCode)> StartExecAsync(string execId, IProgress<string> lines, CancellationToken cancellationToken)
    {
        // Without an upgrade request the engine answers with the raw multiplexed stream as the body, until the command ends.
        (string Stdout, string Stderr) output;
        using (var started = await PostAsync($"/exec/{execId}/start", writer => { writer.WriteBoolean("Detach", false); writer.WriteBoolean("Tty", false); }, cancellationToken).ConfigureAwait(false))
        {
            output = await StreamedOutput.ReadFramesAsync(await started.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), lines, cancellationToken).ConfigureAwait(false);
        }

        using var inspected = await GetAsync($"/exec/{execId}/json", cancellationToken).ConfigureAwait(false);
        var exitCode = inspected!.RootElement.Member("ExitCode") is { ValueKind: JsonValueKind.Number } code ? code.GetInt64() : -1;
        return (output.Stdout, output.Stderr, exitCode);
    }

    /// <summary>True while the exec's own process runs.</summary>
    internal async Task<bool> ExecRunningAsync(string execId, CancellationToken cancellationToken)
    {
        using var inspected = await GetAsync($"/exec/{execId}/json", cancellationToken).ConfigureAwait(false);
        return inspected!.RootElement.Member("Running") is { ValueKind: JsonValueKind.True };
    }

    /// <summary>
    /// GET <paramref name="path"/> (below the API version) as a JSON document, null when the engine has no such thing (404):
    /// for the Swarm calls of the rollout package (services, tasks), which read and write whole documents.
    /// </summary>
    internal Task<JsonDocument?> GetDocumentAsync(string path, CancellationToken cancellationToken) => GetAsync(path, cancellationToken, absentIsNull: true);

    /// <summary>
    /// POSTs <paramref name="json"/> to <paramref name="path"/> with <paramref name="headers"/> (e.g. <c>X-Registry-Auth</c>)
    /// and returns the status and body whatever the status: the caller words a refusal.
    /// </summary>
    internal async Task<EngineResponse> PostDocumentAsync(string path, byte[] json, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, prefix + path) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var bound = Bound(cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, bound.Token).ConfigureAwait(false);
            return new EngineResponse(response.StatusCode, await response.Content.ReadAsStringAsync(bound.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(path, exception);
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static string LabelFilter(string label, string value) => Uri.EscapeDataString($"{{\"label\":{{\"{JsonEncodedText.Encode($"{label}={value}")}\":true}}}}");

    private async Task<JsonDocument?> GetAsync(string path, CancellationToken cancellationToken, bool absentIsNull = false)
    {
        using var bound = Bound(cancellationToken);
        try
        {
            using var response = await http.GetAsync(prefix + path, HttpCompletionOption.ResponseHeadersRead, bound.Token).ConfigureAwait(false);
            if (absentIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await RefuseUnlessSuccessAsync(response, bound.Token).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(bound.Token).ConfigureAwait(false), default, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(path, exception);
        }
    }

    // A call that only asks (list, inspect, exec create) gets a minute: a busy engine answers within seconds, a hung one never.
    private static CancellationTokenSource Bound(CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AnswerTimeout);
        return bound;
    }

    private static TimeoutException NoAnswer(string path, Exception inner) => new($"the engine did not answer {path.Split('?')[0]} within {AnswerTimeout.TotalSeconds:0} s", inner);

    private async Task<HttpResponseMessage> PostAsync(string path, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken, HttpStatusCode? alsoFine = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, prefix + path);
        if (body is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentType = Json;
        }

        // Until the answer's headers: the body of an exec start is the command's output, as long as it runs.
        HttpResponseMessage response;
        using (var bound = Bound(cancellationToken))
        {
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw NoAnswer(path, exception);
            }
        }

        try
        {
            if (response.StatusCode != alsoFine)
            {
                await RefuseUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task RefuseUnlessSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new DockerApiException(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
