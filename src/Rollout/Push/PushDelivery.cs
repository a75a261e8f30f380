using System.Text.Json;

namespace InfraTests.Rollout.Push;

/// <summary>
/// One push delivery as GitHub or Gitea sends it: who sent it (the delivery id, kept against replays), which branch
/// moved, to which revision, in which repository. Read from the forge's headers and its JSON body.
/// </summary>
/// <param name="DeliveryId">The forge's id of this delivery (<c>X-GitHub-Delivery</c>, <c>X-Gitea-Delivery</c>); a redelivery keeps it.</param>
/// <param name="Branch">The branch pushed to, without <c>refs/heads/</c>.</param>
/// <param name="Revision">The commit the branch now points at (<c>after</c>).</param>
/// <param name="Repository">The repository's full name, e.g. <c>dns/rbldnsd</c>.</param>
/// <param name="CloneUrl">Where the revision can be fetched from.</param>
public sealed record PushDelivery(string DeliveryId, string Branch, string Revision, string Repository, string CloneUrl)
{
    private static readonly string[] DeliveryHeaders = ["X-GitHub-Delivery", "X-Gitea-Delivery"];

    /// <summary>
    /// Reads a push delivery; anything else (another event, a tag push, a branch deletion, malformed JSON, a missing
    /// field) is a <see cref="PushRejectedException"/> saying what was wrong, in one line.
    /// </summary>
    public static PushDelivery Parse(Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        var deliveryId = DeliveryHeaders.Select(header).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim()
            ?? throw new PushRejectedException("no delivery id (X-GitHub-Delivery or X-Gitea-Delivery): not a forge's delivery");
        var eventName = header("X-GitHub-Event") ?? header("X-Gitea-Event");
        if (eventName is not null && !eventName.Equals("push", StringComparison.OrdinalIgnoreCase))
        {
            throw new PushRejectedException($"delivery {deliveryId} is a '{eventName}' event, not a push: nothing to roll out") { NothingToRollOut = true };
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException exception)
        {
            throw new PushRejectedException($"delivery {deliveryId} is not valid JSON ({exception.Message.Split('.')[0]})");
        }

        using (json)
        {
            var root = json.RootElement;
            var reference = Text(root, "ref", deliveryId);
            if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                throw new PushRejectedException($"delivery {deliveryId} pushes {reference}, not a branch: nothing to roll out") { NothingToRollOut = true };
            }

            var revision = Text(root, "after", deliveryId);
            if (revision.Length is not (40 or 64) || !revision.All(Uri.IsHexDigit) || revision.All(c => c == '0'))
            {
                throw new PushRejectedException($"delivery {deliveryId} moves {reference} to '{revision}', which is no commit (a deleted branch?): nothing to roll out")
                {
                    // All zeros is how both forges say the branch was deleted; anything else is a malformed delivery.
                    NothingToRollOut = revision.All(c => c == '0'),
                };
            }

            var repository = root.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object
                ? repo
                : throw new PushRejectedException($"delivery {deliveryId} names no repository");
            return new PushDelivery(deliveryId, reference["refs/heads/".Length..], revision.ToLowerInvariant(), Text(repository, "full_name", deliveryId), Text(repository, "clone_url", deliveryId));
        }
    }

    private static string Text(JsonElement element, string name, string deliveryId) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new PushRejectedException($"delivery {deliveryId} has no '{name}'");
}
