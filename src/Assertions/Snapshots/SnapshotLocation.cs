namespace InfraTests.Assertions.Snapshots;

/// <summary>Where one snapshot's files are: <c>{Name}.verified.txt</c> and <c>{Name}.received.txt</c> in <see cref="Directory"/>.</summary>
internal sealed record SnapshotLocation(string Directory, string Name)
{
    public const string VerifiedSuffix = ".verified.txt";

    public const string ReceivedSuffix = ".received.txt";

    public string VerifiedFileName => Name + VerifiedSuffix;

    public string ReceivedFileName => Name + ReceivedSuffix;

    public string VerifiedPath => Path.Combine(Directory, VerifiedFileName);

    public string ReceivedPath => Path.Combine(Directory, ReceivedFileName);
}
