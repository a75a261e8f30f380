using System.Text;
using System.Text.Json;

namespace InfraTests.Rollout;

/// <summary>
/// One rollout's journal on the machine running it: a folder <c>journal/ID/</c> with <c>journal.json</c> (the
/// <see cref="JournalDocument"/> as the rollout began, written once, durably), <c>steps.jsonl</c> (one line per change of a
/// target's entry, appended and flushed to disk before the step it names: a step costs one line whatever the fleet's size,
/// where rewriting the document cost the whole fleet's entries), <c>kept-N.tar</c> (target N's tree as it was before the
/// copy) and <c>lock</c>, flocked for as long as the journal is open. A journal whose folder exists but
/// whose lock nobody holds belongs to a rollout that was killed or crashed: <see cref="TryTake"/> hands it to a recovery.
/// </summary>
internal sealed class RolloutJournal : IDisposable
{
    /// <summary>The journal's file inside its folder.</summary>
    public const string FileName = "journal.json";

    /// <summary>The journal's log of changes to targets' entries, one JSON line each, inside its folder.</summary>
    public const string StepsName = "steps.jsonl";

    private const string LockName = "lock";

    // One line per change: the rollout's records are indented for people, a step's line is not.
    private static readonly JsonSerializerOptions Line = new(RolloutRecords.Json) { WriteIndented = false };

    private readonly object gate = new();
    private readonly FileStream lockFile;
    private readonly JournaledTarget[] targets;
    private FileStream? steps;

    private RolloutJournal(string folder, FileStream lockFile, IEnumerable<JournaledTarget> targets)
    {
        Folder = folder;
        this.lockFile = lockFile;
        this.targets = [.. targets];
    }

    /// <summary>The rollout's journal folder.</summary>
    public string Folder { get; }

    /// <summary>Opens a new journal for <paramref name="document"/> in <paramref name="journals"/> and writes it, durably.</summary>
    public static RolloutJournal Begin(string journals, JournalDocument document)
    {
        var folder = Path.Combine(journals, document.Id);
        for (var n = 2; !TryMake(folder); n++)
        {
            folder = Path.Combine(journals, $"{document.Id}-{n}");
        }

        DurableFile.FlushFolder(folder);
        var journal = new RolloutJournal(folder, Lock(folder), document.Targets);
        DurableFile.Replace(Path.Combine(folder, FileName), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, RolloutRecords.Json) + "\n"));
        return journal;
    }

    /// <summary>
    /// The journal in <paramref name="folder"/> when its rollout is gone (nobody holds its lock): now ours, with its document
    /// (null when it had written none, so nothing was touched). Null when a live rollout holds it.
    /// </summary>
    public static (RolloutJournal Journal, JournalDocument? Document)? TryTake(string folder)
    {
        FileStream file;
        try
        {
            file = Lock(folder);
        }
        catch (IOException)
        {
            return null;
        }

        var path = Path.Combine(folder, FileName);
        JournalDocument? document = null;
        try
        {
            if (File.Exists(path))
            {
                document = JsonSerializer.Deserialize<JournalDocument>(File.ReadAllText(path), RolloutRecords.Json);
                document = document is null ? null : document with { Targets = Replay(folder, document.Targets) };
            }
        }
        catch (JsonException exception)
        {
            file.Dispose();
            throw new Harness.InfraTestsException($"{exception.Data["file"] ?? path}{exception.Data["line"]}: not a rollout journal ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): it was edited; look at the targets it names, then remove {folder}.", exception);
        }

        var journal = new RolloutJournal(folder, file, document?.Targets ?? []);
        return (journal, document);
    }

    /// <summary>Changes target <paramref name="index"/>'s entry and writes the change to disk before returning.</summary>
    public void Update(int index, Func<JournaledTarget, JournaledTarget> change)
    {
        lock (gate)
        {
            targets[index] = change(targets[index]);
            steps ??= OpenSteps(Folder);
            steps.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new JournalStep(index, targets[index]), Line) + "\n"));
            steps.Flush(flushToDisk: true);
        }
    }

    /// <summary>Keeps target <paramref name="index"/>'s tree in a file of the journal (durably) and returns the file's name.</summary>
    public string Keep(int index, byte[] tar)
    {
        var name = $"kept-{index + 1}.tar";
        DurableFile.Replace(Path.Combine(Folder, name), tar);
        return name;
    }

    /// <summary>The tree kept for <paramref name="target"/>, or null when none was kept.</summary>
    public byte[]? Kept(JournaledTarget target) => target.Kept is { } name ? File.ReadAllBytes(Path.Combine(Folder, name)) : null;

    /// <summary>Closes a finished rollout's journal: the document first (so a crash now leaves nothing to recover), then the rest.</summary>
    public void Close()
    {
        lock (gate)
        {
            File.Delete(Path.Combine(Folder, FileName));
            DurableFile.FlushFolder(Path.Combine(Folder, FileName));
            steps?.Dispose();
            foreach (var file in Directory.EnumerateFiles(Folder).Where(f => Path.GetFileName(f) != LockName))
            {
                File.Delete(file);
            }

            File.Delete(Path.Combine(Folder, LockName));
            lockFile.Dispose();
            Directory.Delete(Folder);
        }
    }

    /// <summary>Lets go of the lock, leaving the journal for a recovery to find.</summary>
    public void Dispose()
    {
        steps?.Dispose();
        lockFile.Dispose();
    }

    private static bool TryMake(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        if (Directory.Exists(folder))
        {
            return false;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return true;
    }

    // .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None on Unix: the kernel drops it when the process dies, however.
    private static FileStream Lock(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        return new(Path.Combine(folder, LockName), new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    // The entries as the document began, with every complete line of the steps log applied in order. A last line with no
    // newline was being appended when the process died: its step had not begun (a step begins once its line is on disk), so
    // it is left out. Any other line that does not read is an edit (JsonException, with the file and line).
    private static JournaledTarget[] Replay(string folder, IReadOnlyList<JournaledTarget> begun)
    {
        var entries = begun.ToArray();
        var path = Path.Combine(folder, StepsName);
        if (!File.Exists(path))
        {
            return entries;
        }

        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++) // the part after the last newline is empty, or a torn line
        {
            try
            {
                var step = JsonSerializer.Deserialize<JournalStep>(lines[n], Line);
                if (step?.Target is null || step.Index < 0 || step.Index >= entries.Length)
                {
                    throw new JsonException("a line that names no target of the rollout");
                }

                entries[step.Index] = step.Target;
            }
            catch (JsonException exception)
            {
                exception.Data["file"] = path;
                exception.Data["line"] = $":{n + 1}";
                throw;
            }
        }

        return entries;
    }

    // The steps log, appended to; made (and its name flushed to disk) on the first step of this process.
    private static FileStream OpenSteps(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        var stream = new FileStream(Path.Combine(folder, StepsName), new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        // A recovery appends to the log of the rollout it took over: a line the crash tore is cut off first, or the next
        // line would be glued to it and the log would read as edited.
        var end = stream.Length;
        while (end > 0)
        {
            stream.Position = end - 1;
            if (stream.ReadByte() == '\n')
            {
                break;
            }

            end--;
        }

        if (end != stream.Length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }

        stream.Position = end;
        DurableFile.FlushFolder(Path.Combine(folder, StepsName));
        return stream;
    }

    /// <summary>One line of the steps log: target <paramref name="Index"/>'s entry from now on.</summary>
    private sealed record JournalStep(int Index, JournaledTarget Target);
}
