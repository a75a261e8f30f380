using System.Text;
using System.Text.Json;

namespace InfraTests.Rollout;

/// <summary>
/// One rollout's journal on the machine running it: a folder <c>journal/ID/</c> with <c>journal.json</c> (the
/// <see cref="JournalDocument"/>, rewritten durably before every step of every target), <c>kept-N.tar</c> (target N's tree
/// as it was before the copy) and <c>lock</c>, flocked for as long as the journal is open. A journal whose folder exists but
/// whose lock nobody holds belongs to a rollout that was killed or crashed: <see cref="TryTake"/> hands it to a recovery.
/// </summary>
internal sealed class RolloutJournal : IDisposable
{
    /// <summary>The journal's file inside its folder.</summary>
    public const string FileName = "journal.json";

    private const string LockName = "lock";

    private readonly object gate = new();
    private readonly FileStream lockFile;

    private RolloutJournal(string folder, FileStream lockFile, JournalDocument document)
    {
        Folder = folder;
        this.lockFile = lockFile;
        Document = document;
    }

    /// <summary>The rollout's journal folder.</summary>
    public string Folder { get; }

    /// <summary>What the journal says now.</summary>
    public JournalDocument Document { get; private set; }

    /// <summary>Opens a new journal for <paramref name="document"/> in <paramref name="journals"/> and writes it, durably.</summary>
    public static RolloutJournal Begin(string journals, JournalDocument document)
    {
        var folder = Path.Combine(journals, document.Id);
        for (var n = 2; !TryMake(folder); n++)
        {
            folder = Path.Combine(journals, $"{document.Id}-{n}");
        }

        DurableFile.FlushFolder(folder);
        var journal = new RolloutJournal(folder, Lock(folder), document);
        journal.Write();
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
        if (File.Exists(path))
        {
            try
            {
                document = JsonSerializer.Deserialize<JournalDocument>(File.ReadAllText(path), RolloutRecords.Json);
            }
            catch (JsonException exception)
            {
                file.Dispose();
                throw new Harness.InfraTestsException($"{path}: not a rollout journal ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): it was edited; look at the targets it names, then remove {folder}.", exception);
            }
        }

        var journal = new RolloutJournal(folder, file, document ?? Empty);
        return (journal, document);
    }

    /// <summary>Changes target <paramref name="index"/>'s entry and writes the journal before returning.</summary>
    public void Update(int index, Func<JournaledTarget, JournaledTarget> change)
    {
        lock (gate)
        {
            var targets = Document.Targets.ToArray();
            targets[index] = change(targets[index]);
            Document = Document with { Targets = targets };
            Write();
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
    public void Dispose() => lockFile.Dispose();

    private static JournalDocument Empty => new()
    {
        Id = "empty",
        Revision = string.Empty,
        Summary = string.Empty,
        Selector = string.Empty,
        Started = DateTimeOffset.MinValue,
        BatchSize = 1,
        Holder = LockHolder.Current("empty"),
        Targets = [],
    };

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

    private void Write() => DurableFile.Replace(Path.Combine(Folder, FileName), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Document, RolloutRecords.Json) + "\n"));
}
