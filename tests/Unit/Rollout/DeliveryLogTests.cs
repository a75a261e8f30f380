using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// The delivery log: a replay by id or by body records nothing, only the newest deliveries are kept (on disk and in
/// memory), a write that fails leaves nothing recorded, a released delivery can come again, and the files are the user's alone.
/// </summary>
public sealed class DeliveryLogTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-delivery-log-");

    private string LogPath => Path.Combine(scratch.FullName, "state", "deliveries.log");

    public void Dispose() => scratch.Delete(recursive: true);

    [Fact]
    public void Replay_by_id_or_by_body_is_refused_also_after_a_restart_and_records_nothing()
    {
        var log = DeliveryLog.Open(LogPath);
        log.Record("d1", Digest('a')).Should().Be(DeliveryReplay.None);

        var sameId = log.Record("d1", Digest('b'));
        var sameBody = log.Record("d2", Digest('a'));
        var afterRestart = DeliveryLog.Open(LogPath);

        sameId.Should().Be(DeliveryReplay.SameId);
        sameBody.Should().Be(DeliveryReplay.SameBody);
        afterRestart.Record("d1", Digest('c')).Should().Be(DeliveryReplay.SameId, "the log outlives the receiver");
        afterRestart.Record("d3", Digest('a')).Should().Be(DeliveryReplay.SameBody);
        File.ReadAllLines(LogPath).Should().Equal($"{Digest('a')} d1");
        afterRestart.Contains("d2").Should().BeFalse("a refused replay leaves no trace");
    }

    [Fact]
    public void Same_body_under_a_thousand_ids_leaves_the_log_as_it_was()
    {
        var log = DeliveryLog.Open(LogPath);
        log.Record("genuine", Digest('a'));
        var before = File.ReadAllBytes(LogPath);

        var verdicts = Enumerable.Range(1, 1000).Select(i => log.Record($"made-up-{i}", Digest('a'))).ToList();

        verdicts.Should().AllBeEquivalentTo(DeliveryReplay.SameBody);
        log.Count.Should().Be(1);
        File.ReadAllBytes(LogPath).Should().Equal(before);
    }

    [Fact]
    public void Only_the_newest_deliveries_are_kept_on_disk_and_in_memory()
    {
        var log = DeliveryLog.Open(LogPath, capacity: 3);

        for (var i = 0; i < 10; i++)
        {
            log.Record($"d{i}", Digest((char)('a' + i)));
        }

        log.Count.Should().Be(3);
        File.ReadAllLines(LogPath).Should().Equal($"{Digest('h')} d7", $"{Digest('i')} d8", $"{Digest('j')} d9");
        log.Record("d9", Digest('z')).Should().Be(DeliveryReplay.SameId);
        log.Record("d0", Digest('a')).Should().Be(DeliveryReplay.None, "the oldest was forgotten (the rollout's own check keeps production from going back)");
        DeliveryLog.Open(LogPath, capacity: 2).Count.Should().Be(2, "a longer file is cut to the capacity when read");
    }

    [Fact]
    public void Failed_write_records_neither_id_nor_body_and_the_redelivery_is_accepted()
    {
        var log = DeliveryLog.Open(LogPath, capacity: 1);
        log.Record("kept", Digest('k'));
        File.Delete(LogPath);

        // A folder where the file goes: even root cannot write it, as a full or read-only disk refuses.
        Directory.CreateDirectory(Path.Combine(LogPath, "in-the-way"));
        var failing = () => log.Record("d1", Digest('a'));

        failing.Should().Throw<IOException>();
        log.Contains("d1").Should().BeFalse();
        log.Contains("kept").Should().BeTrue("the delivery the failed write would have pushed out is still kept");
        Directory.Delete(LogPath, recursive: true);
        log.Record("d1", Digest('a')).Should().Be(DeliveryReplay.None, "the redelivery is judged afresh");
        File.ReadAllLines(LogPath).Should().Equal($"{Digest('a')} d1");
    }

    [Fact]
    public void Released_delivery_is_accepted_again_by_id_and_by_body_also_after_a_restart()
    {
        var log = DeliveryLog.Open(LogPath);
        log.Record("d1", Digest('a'));
        log.Record("d2", Digest('b'));

        log.Release("d1").Should().BeTrue();
        log.Release("never-seen").Should().BeFalse();

        File.ReadAllLines(LogPath).Should().Equal($"{Digest('b')} d2");
        DeliveryLog.Open(LogPath).Record("d1", Digest('a')).Should().Be(DeliveryReplay.None);
    }

    [Fact]
    public void Release_that_cannot_be_written_keeps_the_delivery()
    {
        var log = DeliveryLog.Open(LogPath);
        log.Record("d1", Digest('a'));
        File.Delete(LogPath);
        Directory.CreateDirectory(Path.Combine(LogPath, "in-the-way"));

        var release = () => log.Release("d1");

        release.Should().Throw<IOException>();
        log.Contains("d1").Should().BeTrue("memory and disk agree: what is on disk is still recorded");
    }

    [Fact]
    public void Older_log_of_one_id_or_digest_a_line_is_read_as_meant()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllLines(LogPath, ["d1", Digest('a'), string.Empty, "d2"]);

        var log = DeliveryLog.Open(LogPath);

        log.Record("d1", Digest('x')).Should().Be(DeliveryReplay.SameId);
        log.Record("d9", Digest('a')).Should().Be(DeliveryReplay.SameBody);
        log.Count.Should().Be(3);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Log_is_0600_in_a_0700_folder_and_a_folder_others_can_write_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
        }

        DeliveryLog.Open(LogPath).Record("d1", Digest('a'));

        var folderMode = File.GetUnixFileMode(Path.GetDirectoryName(LogPath)!);
        var fileMode = File.GetUnixFileMode(LogPath);
        var shared = Directory.CreateDirectory(Path.Combine(scratch.FullName, "shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));
        var inShared = () => DeliveryLog.Open(Path.Combine(shared, "deliveries.log"));

        folderMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        fileMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        inShared.Should().Throw<InfraTestsException>().WithMessage($"{shared} is writable by other users (mode 1777)*chmod 700 {shared}*");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Folder_of_another_user_is_refused_even_for_root()
    {
        // Root may chmod any folder, so a chmod that worked proves nothing: the owner must be read.
        var (theirs, owner) = ForeignFolder.In(scratch.FullName);

        var inTheirs = () => DeliveryLog.Open(Path.Combine(theirs, "deliveries.log"));

        inTheirs.Should().Throw<InfraTestsException>().WithMessage($"{theirs} belongs to uid {owner}, not to you (uid *)*choose a folder of your own*");
        File.Exists(Path.Combine(theirs, "deliveries.log")).Should().BeFalse("nothing is written into a folder that is not ours");
    }

    private static string Digest(char c) => "sha256:" + new string(c is >= 'a' and <= 'f' ? c : (char)('0' + (c % 10)), 64);
}
