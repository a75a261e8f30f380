using InfraTests.Harness.Http;

namespace InfraTests.Harness.Checks;

/// <summary>Asks one <see cref="HttpCheck"/> and says, in a few words, what came back and what differed.</summary>
internal static class HttpCheckRun
{
    public static async Task<CheckVerdict> RunAsync(ServiceCheck check, HttpCheck http, HttpEndpoint? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return new CheckVerdict(check, false, "nothing: the service is not asked HTTP (its image has no READY_CHECK=http://…, docs/contract.md)");
        }

        HttpAnswer answer;
        try
        {
            answer = await endpoint.GetAsync(http.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (InfraTestsException exception)
        {
            return new CheckVerdict(check, false, $"nothing: {exception.Message}");
        }

        var differences = Differences(http, answer).ToList();
        return new CheckVerdict(check, differences.Count == 0, differences.Count == 0 ? answer.Summary : $"{answer.Summary}: {string.Join("; ", differences)}");
    }

    private static IEnumerable<string> Differences(HttpCheck http, HttpAnswer answer)
    {
        if (answer.StatusCode != http.Status)
        {
            yield return $"status {answer.StatusCode}, not {http.Status}";
        }

        if (http.Location is { } location && answer.Location != location)
        {
            yield return answer.Location is null ? $"no Location, not {location}" : $"Location {answer.Location}, not {location}";
        }

        if (http.Title is { } title && answer.Title != title)
        {
            yield return answer.Title is null ? $"no title, not \"{title}\"" : $"title \"{answer.Title}\", not \"{title}\"";
        }

        if (http.Contains is { } text && !answer.Body.Contains(text, StringComparison.Ordinal))
        {
            yield return $"the body does not contain \"{text}\"";
        }

        foreach (var (name, value) in http.Headers)
        {
            var sent = answer.Headers.GetValueOrDefault(name);
            if (sent != value)
            {
                yield return sent is null ? $"no {name} header, not \"{value}\"" : $"{name} \"{sent}\", not \"{value}\"";
            }
        }
    }
}
