using System.Diagnostics;

namespace InfraTests.Harness.Dns;

/// <summary>
/// A question of a <see cref="UdpPipeline"/> waiting for its answer: its bytes, when to give up on this try, and how many
/// tries are left. Its waiter runs on the thread that read the answer (no hop through the thread pool): on two cores a hop
/// per answer cost about a tenth of the bulk rate, and the waiter only judges the answer and sends the name's next question
/// before it awaits.
/// </summary>
internal sealed class PendingQuestion(byte[] query, TimeSpan wait, int retries) : TaskCompletionSource<byte[]?>(TaskCreationOptions.None)
{
    private int settled;

    public byte[] Query { get; } = query;

    /// <summary>This try's wait, in <see cref="Stopwatch"/> ticks.</summary>
    public long Wait { get; set; } = (long)(wait.TotalSeconds * Stopwatch.Frequency);

    /// <summary>When this try is over, as a <see cref="Stopwatch"/> timestamp: never, until it is sent.</summary>
    public long Deadline { get; set; } = long.MaxValue;

    public int TriesLeft { get; set; } = retries;

    /// <summary>True for the first caller only: the one that answers, gives up on or cancels this question.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref settled, 1) == 0;
}
