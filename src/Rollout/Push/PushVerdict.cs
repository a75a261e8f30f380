namespace InfraTests.Rollout.Push;

/// <summary>
/// What a <see cref="PushReceiver"/> made of one delivery: <see cref="Accepted"/> with the push to roll out, or
/// <see cref="Rejected"/> with why not. Either carries the HTTP status and the one line to answer the forge with.
/// </summary>
public abstract record PushVerdict
{
    private PushVerdict(int statusCode, string reason)
    {
        StatusCode = statusCode;

        // A reason may quote the body (a ref, a revision): keep it one line whatever the sender put there.
        Reason = string.Join(' ', reason.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The HTTP status to answer with: 202 for a push to roll out or a delivery with nothing to roll out, 4xx or 503 otherwise.</summary>
    public int StatusCode { get; }

    /// <summary>One line saying what was done or what was wrong; it never holds the secret or a header's value.</summary>
    public string Reason { get; }

    /// <summary>A signed, new push to one of the receiver's branches: its delivery id is recorded, roll it out.</summary>
    /// <param name="Delivery">The push, as the forge described it.</param>
    public sealed record Accepted(PushDelivery Delivery)
        : PushVerdict(202, $"accepted: roll out {Delivery.Revision} of {Delivery.Repository} ({Delivery.Branch}), delivery {Delivery.DeliveryId}");

    /// <summary>A delivery that starts no rollout; <see cref="StatusCode"/> says whether the forge should count it as failed.</summary>
    public sealed record Rejected : PushVerdict
    {
        /// <summary>Creates the rejection; use it for every way a delivery can fail to start a rollout.</summary>
        public Rejected(int statusCode, string reason)
            : base(statusCode, reason)
        {
        }
    }
}
