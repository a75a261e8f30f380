namespace InfraTests.Rollout.Push;

/// <summary>One line of the <see cref="DeliveryLog"/>: a delivery's id and its body's digest (either may be missing in an older log).</summary>
internal sealed record Delivery(string? Id, string? BodyDigest)
{
    private const string Sha256 = "sha256:";

    /// <summary>A delivery to record; an id with a line break, or a digest that is not <c>sha256:&lt;64 hex&gt;</c>, is refused.</summary>
    public static Delivery Checked(string deliveryId, string bodyDigest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        if (deliveryId.Contains('\n', StringComparison.Ordinal) || deliveryId.Contains('\r', StringComparison.Ordinal))
        {
            throw new PushRejectedException("a delivery id with a line break is not a forge's delivery id");
        }

        return IsDigest(bodyDigest) ? new Delivery(deliveryId.Trim(), bodyDigest) : throw new ArgumentException($"'{bodyDigest}' is not sha256:<64 hex digits>.", nameof(bodyDigest));
    }

    /// <summary>Reads a line: <c>sha256:&lt;hex&gt; &lt;id&gt;</c>, or the older log's lone digest or lone id; null for a blank line.</summary>
    public static Delivery? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && IsDigest(text[..space]) && text[(space + 1)..].Trim() is { Length: > 0 } id)
        {
            return new Delivery(id, text[..space]);
        }

        return IsDigest(text) ? new Delivery(null, text) : new Delivery(text, null);
    }

    /// <summary>The line this delivery is kept as.</summary>
    public string ToLine() => (Id, BodyDigest) switch
    {
        ({ } id, { } digest) => $"{digest} {id}",
        ({ } id, null) => id,
        _ => BodyDigest!,
    };

    private static bool IsDigest(string text) =>
        text.Length == Sha256.Length + 64 && text.StartsWith(Sha256, StringComparison.Ordinal) && text[Sha256.Length..].All(char.IsAsciiHexDigitLower);
}
