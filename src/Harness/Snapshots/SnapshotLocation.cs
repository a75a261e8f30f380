namespace InfraTests.Harness.Snapshots;

/// <summary>Where one snapshot's files are: <c>{Name}.verified.txt</c> and <c>{Name}.received.txt</c> in <see cref="Directory"/>.</summary>
/// <param name="Directory">The folder of the test's source file, or the one the settings name.</param>
/// <param name="Name">The snapshot's name, <c>{Type}.{Method}</c> and any parameters.</param>
public sealed record SnapshotLocation(string Directory, string Name)
{
    /// <summary>The ending of a verified file, committed with the tests.</summary>
    public const string VerifiedSuffix = ".verified.txt";

    /// <summary>The ending of a received file, written on a mismatch and ignored by git.</summary>
    public const string ReceivedSuffix = ".received.txt";

    /// <summary>The verified file's name.</summary>
    public string VerifiedFileName => Name + VerifiedSuffix;

    /// <summary>The received file's name.</summary>
    public string ReceivedFileName => Name + ReceivedSuffix;

    /// <summary>The verified file's full path.</summary>
    public string VerifiedPath => Path.Combine(Directory, VerifiedFileName);

    /// <summary>The received file's full path.</summary>
    public string ReceivedPath => Path.Combine(Directory, ReceivedFileName);
}
