using System.Security.Cryptography;

namespace InfraTests.Rollout.Push;

/// <summary>
/// Judges one webhook delivery from its headers and raw body, in an order that keeps forgeries cheap and harmless: size,
/// then signature, and only then the JSON, the branch and the replay check. A delivery id is recorded only once its body
/// verified, so a forged delivery can never burn the id of a genuine one. No HTTP here: a host hands in what it read.
/// </summary>
/// <remarks>
/// Neither forge signs its delivery-id header, only the body. So besides the id, the body's SHA-256 is recorded with it in
/// the <see cref="DeliveryLog"/>: a captured old push sent again under a fresh id is a replay too, and records nothing, so
/// resending it under ids 1, 2, 3 … grows neither the log nor the memory.
/// </remarks>
public sealed class PushReceiver
{
    private static readonly string[] SignatureHeaders = [PushSignature.GitHubHeader, PushSignature.GiteaHeader];
    private readonly byte[] secret;
    private readonly DeliveryLog deliveries;
    private readonly HashSet<string> branches;

    /// <summary>
    /// Creates the receiver for one webhook: its <paramref name="secret"/> (copied), the <paramref name="deliveries"/> already
    /// acted on, the <paramref name="branches"/> whose pushes roll out, and the largest body it reads.
    /// </summary>
    public PushReceiver(ReadOnlySpan<byte> secret, DeliveryLog deliveries, IEnumerable<string> branches, long maxBodyBytes)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("An empty webhook secret would accept a signature anyone can compute.", nameof(secret));
        }

        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBodyBytes);
        this.secret = secret.ToArray();
        this.deliveries = deliveries;
        this.branches = new HashSet<string>(
            branches.Select(b => b.StartsWith("refs/heads/", StringComparison.Ordinal) ? b["refs/heads/".Length..] : b).Where(b => !string.IsNullOrWhiteSpace(b)),
            StringComparer.Ordinal);
        if (this.branches.Count == 0)
        {
            throw new ArgumentException("Name at least one branch whose pushes roll out.", nameof(branches));
        }

        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>The branches whose pushes are accepted, without <c>refs/heads/</c>.</summary>
    public IReadOnlyCollection<string> Branches => branches;

    /// <summary>The largest body accepted, in bytes; a host should stop reading beyond it.</summary>
    public long MaxBodyBytes { get; }

    /// <summary>
    /// Judges one delivery: 413 too large, 401 unsigned or not signed with this secret, 400 malformed, 202 with nothing to
    /// roll out (another event, a tag, a deleted branch, another branch), 409 a replay, 503 when the delivery log cannot be
    /// written, and <see cref="PushVerdict.Accepted"/> (202) for a push to roll out. Call it once per request.
    /// </summary>
    public PushVerdict Receive(Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (body.Length > MaxBodyBytes)
        {
            return new PushVerdict.Rejected(413, $"body of {body.Length} bytes is over this receiver's limit of {MaxBodyBytes} bytes: refused");
        }

        // Nothing the sender wrote is read before the signature holds, and no header value is ever quoted back.
        var signatures = SignatureHeaders.Select(name => (Name: name, Value: header(name))).Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToList();
        if (signatures.Count == 0)
        {
            return new PushVerdict.Rejected(401, $"unsigned delivery: no {PushSignature.GitHubHeader} or {PushSignature.GiteaHeader} header (set the webhook's secret at the forge): refused");
        }

        // Gitea sends both headers: every signature given must hold, so a forged one cannot hide beside a genuine one.
        foreach (var (name, value) in signatures)
        {
            if (!PushSignature.Verify(secret, body, value))
            {
                return new PushVerdict.Rejected(401, $"{name} does not match the body under this webhook's secret: refused");
            }
        }

        PushDelivery push;
        try
        {
            push = PushDelivery.Parse(header, body);
        }
        catch (PushRejectedException rejected)
        {
            return new PushVerdict.Rejected(rejected.NothingToRollOut ? 202 : 400, rejected.Message);
        }

        if (!branches.Contains(push.Branch))
        {
            return new PushVerdict.Rejected(202, $"delivery {push.DeliveryId} pushes to {push.Branch}, not to {string.Join(" or ", branches.Order(StringComparer.Ordinal))}: nothing to roll out");
        }

        return Record(push, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    private PushVerdict Record(PushDelivery push, string bodyDigest)
    {
        try
        {
            // Checked and recorded in one step, after the signature: a replay records nothing, a new delivery both its id and body.
            return deliveries.Record(push.DeliveryId, bodyDigest) switch
            {
                DeliveryReplay.SameId => new PushVerdict.Rejected(409, $"delivery {push.DeliveryId} was received before: a replay (or a redelivery), refused"),
                DeliveryReplay.SameBody => new PushVerdict.Rejected(409, $"delivery {push.DeliveryId} repeats the body of an earlier delivery: a replay, refused"),
                _ => new PushVerdict.Accepted(push),
            };
        }
        catch (PushRejectedException rejected)
        {
            return new PushVerdict.Rejected(400, rejected.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing was recorded: refuse now, so the forge redelivers, and that redelivery is judged afresh.
            return new PushVerdict.Rejected(503, $"delivery {push.DeliveryId} cannot be recorded in the delivery log ({exception.GetType().Name}): refused, redeliver later");
        }
    }
}
