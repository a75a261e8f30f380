using System.Collections.Concurrent;

namespace InfraTests.Unit.Rollout;

/// <summary>Progress lines as told, synchronously and in order: a rollout's targets report from several threads.</summary>
internal sealed class ProgressLines : IProgress<string>, IEnumerable<string>
{
    private readonly ConcurrentQueue<string> lines = new();

    public void Report(string value) => lines.Enqueue(value);

    public IEnumerator<string> GetEnumerator() => lines.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
