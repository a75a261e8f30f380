using System.Formats.Tar;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Targets;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// One target in memory: its service tree as text files under SERVICE_ROOT, read and written as tars the way the engine's
/// archive API does, and commands answered from a script per command (exit 0 when nothing is scripted). Every call is
/// recorded in order: <c>read PATH</c>, <c>write PATH</c>, <c>exec COMMAND</c>, <c>image PATH</c>. Its image bakes
/// <paramref name="baked"/> (the files it starts with when not given).
/// </summary>
internal sealed class FakeTargetAccess(string serviceRoot, IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string>? baked = null) : ITargetAccess
{
    // The tar of an image, read once per image as the Docker provider's ImageTree does: hosts made from one baked tree share
    // it, so a rollout over many of them parses it once (bench/fleet-scale.sh rolls out to 10,000).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyDictionary<string, string>, System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>> Images = [];

    private readonly object gate = new();
    private readonly string rootName = Path.GetFileName(serviceRoot.TrimEnd('/'));
    private readonly SortedDictionary<string, string> tree = new(files.ToDictionary(), StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<ExecAnswer>> script = new(StringComparer.Ordinal);
    private readonly List<string> calls = [];
    private readonly List<byte[]> read = [];
    private readonly List<byte[]> written = [];
    private readonly List<string> lockCalls = [];
    private string? lockHolder;
    private bool locked;

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<string> Calls => Locked(() => calls.ToList());

    /// <summary>The calls that took, read and released the rollout lock (kept apart from <see cref="Calls"/>).</summary>
    public IReadOnlyList<string> LockCalls => Locked(() => lockCalls.ToList());

    /// <summary>True while a rollout lock is held on this target.</summary>
    public bool IsLocked => Locked(() => locked);

    /// <summary>The tars <see cref="ReadFolderAsync"/> gave, in order.</summary>
    public IReadOnlyList<byte[]> Read => Locked(() => read.ToList());

    /// <summary>The tars written in, in order.</summary>
    public IReadOnlyList<byte[]> Written => Locked(() => written.ToList());

    /// <summary>The service tree now: relative path to text.</summary>
    public IReadOnlyDictionary<string, string> Tree => Locked(() => new SortedDictionary<string, string>(tree, StringComparer.Ordinal));

    /// <summary>Answers the next runs of <paramref name="command"/> with <paramref name="answers"/>, one each, then exit 0.</summary>
    public FakeTargetAccess Answering(string command, params ExecAnswer[] answers)
    {
        Locked(() => script[command] = new Queue<ExecAnswer>(answers));
        return this;
    }

    public Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(Locked(() =>
    {
        calls.Add($"read {path}");
        var tar = TarContents.OfFolder(rootName, tree);
        read.Add(tar);
        return tar;
    }));

    public Task<byte[]?> ReadImageFolderAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(Locked(() =>
    {
        calls.Add($"image {path}");
        var image = baked ?? files;
        return Images.GetValue(image, _ => new()).GetOrAdd(rootName, root => TarContents.OfFolder(root, image));
    }));

    public Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default)
    {
        if (path == TargetLock.Folder)
        {
            Locked(() =>
            {
                lockCalls.Add($"write {path}");
                lockHolder = TarContents.Read(tar).Single().Text;
                return 0;
            });
            return Task.CompletedTask;
        }

        Locked(() =>
        {
            calls.Add($"write {path}");
            written.Add(tar);
            foreach (var entry in TarContents.Read(tar).Where(e => e.Type is TarEntryType.RegularFile && e.Name.StartsWith(rootName + "/", StringComparison.Ordinal)))
            {
                tree[entry.Name[(rootName.Length + 1)..]] = entry.Text;
            }

            return 0;
        });
        return Task.CompletedTask;
    }

    public async Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        var text = string.Join(' ', command);
        if (text.Contains(TargetLock.Folder, StringComparison.Ordinal))
        {
            return Locked(() => Lock(text, command));
        }

        var answer = Locked(() =>
        {
            calls.Add($"exec {text}");
            if (command[0] == "rm")
            {
                foreach (var gone in command.SkipWhile(a => a != "--").Skip(1))
                {
                    tree.Remove(gone[(serviceRoot.TrimEnd('/').Length + 1)..]);
                }
            }

            return script.TryGetValue(text, out var answers) && answers.TryDequeue(out var next) ? next : ExecAnswer.Passes;
        });
        if (answer.Delay != TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, cancellationToken);
        }

        if (answer.Error is { } error)
        {
            throw error;
        }

        return new CommandResult(text, answer.ExitCode, answer.Words, string.Empty, answer.Delay > TimeSpan.Zero ? answer.Delay : TimeSpan.FromMilliseconds(1));
    }

    // The rollout lock as a container's /run would keep it: mkdir refuses a second, cat reads the holder, rm -rf removes it.
    private CommandResult Lock(string text, IReadOnlyList<string> command)
    {
        lockCalls.Add($"exec {text}");
        var (exit, output) = command[0] switch
        {
            "mkdir" when locked => (1, "mkdir: cannot create directory '/run/infratests-rollout.lock': File exists"),
            "mkdir" => (0, string.Empty),
            "cat" when lockHolder is not null => (0, lockHolder),
            "cat" => (1, "cat: /run/infratests-rollout.lock/holder: No such file or directory"),
            _ => (0, string.Empty),
        };
        if (command[0] == "mkdir" && exit == 0)
        {
            locked = true;
        }
        else if (command[0] is "rm" or "mv")
        {
            (locked, lockHolder) = (false, null);
        }

        return new CommandResult(text, exit, exit == 0 ? output : string.Empty, exit == 0 ? string.Empty : output, TimeSpan.FromMilliseconds(1));
    }

    private T Locked<T>(Func<T> action)
    {
        lock (gate)
        {
            return action();
        }
    }
}
