using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>Gate records in a records folder of the test's own: saved one per run, the latest found overall and per revision; bad folders and files in one line.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GateRecordsTests : IDisposable
{
    private const string Older = "1111111111111111111111111111111111111111";
    private const string Newer = "2222222222222222222222222222222222222222";
    private const string Digest = "127.0.0.1:5000/samples/rbldnsd@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-gates-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Each_gate_run_is_its_own_record_and_the_latest_is_found_overall_and_per_revision()
    {
        var start = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        GateRecords.Save(folder.FullName, Record(Older, passed: true, start));
        GateRecords.Save(folder.FullName, Record(Newer, passed: false, start.AddMinutes(1)));
        var again = GateRecords.Save(folder.FullName, Record(Older, passed: false, start.AddMinutes(2)));
        GateRecords.Save(folder.FullName, Record(Newer, passed: true, start.AddMinutes(3)));

        again.Id.Should().Be("20261204T100200000Z-111111111111");
        Directory.GetFiles(Path.Combine(folder.FullName, "gates"), "*.json").Should().HaveCount(4, "every gate run keeps its record");
        GateRecords.Latest(folder.FullName)!.Should().Match<GateRecord>(r => r.Revision == Newer && r.Passed);
        GateRecords.Latest(folder.FullName, Older).Should().BeEquivalentTo(again);
        GateRecords.Latest(folder.FullName, Older[..12])!.Passed.Should().BeFalse("a short commit id finds the same revision");
        GateRecords.Latest(folder.FullName, "3333333333").Should().BeNull();
    }

    [Fact]
    public void The_history_is_every_record_newest_first_and_empty_without_a_folder()
    {
        var start = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        GateRecords.History(folder.FullName).Should().BeEmpty();
        GateRecords.Save(folder.FullName, Record(Older, passed: true, start));
        GateRecords.Save(folder.FullName, Record(Newer, passed: false, start.AddMinutes(1)));
        GateRecords.Save(folder.FullName, Record(Older, passed: false, start.AddMinutes(2)));

        GateRecords.History(folder.FullName).Select(r => (r.Revision, r.Passed)).Should().Equal((Older, false), (Newer, false), (Older, true));
    }

    [Fact]
    public void Two_runs_of_one_revision_in_the_same_millisecond_keep_both_records()
    {
        var time = DateTimeOffset.UtcNow;

        var first = GateRecords.Save(folder.FullName, Record(Older, passed: false, time));
        var second = GateRecords.Save(folder.FullName, Record(Older, passed: true, time));

        second.Id.Should().Be(first.Id + "~2");
        GateRecords.Latest(folder.FullName, Older)!.Passed.Should().BeTrue();
    }

    [Fact]
    public void A_record_names_the_digests_tested_with_or_without_their_repository()
    {
        var record = Record(Older, passed: true, DateTimeOffset.UtcNow);

        record.Tested(Digest).Should().BeTrue();
        record.Tested(Digest[(Digest.IndexOf('@') + 1)..]).Should().BeTrue();
        record.Tested("sha256:" + new string('b', 64)).Should().BeFalse();
    }

    [Fact]
    public void No_folder_or_no_record_has_no_latest()
    {
        GateRecords.Latest(Path.Combine(folder.FullName, "not-there")).Should().BeNull();
        GateRecords.Latest(folder.FullName).Should().BeNull();
    }

    [Fact]
    public void A_record_cut_short_is_one_line_naming_its_file()
    {
        GateRecords.Save(folder.FullName, Record(Older, passed: true, DateTimeOffset.UtcNow));
        var path = Directory.GetFiles(Path.Combine(folder.FullName, "gates"))[0];
        File.WriteAllText(path, "{\"revision\": \"11");

        var read = () => GateRecords.Latest(folder.FullName);

        read.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith($"{path}: not a gate record (").And.EndWith("it was edited or cut short; remove it.").And.NotContain("\n");
    }

    [Fact]
    public void A_gates_folder_other_users_may_write_is_refused_before_anything_is_read_or_written()
    {
        var gates = Directory.CreateDirectory(Path.Combine(folder.FullName, "gates")).FullName;
        File.SetUnixFileMode(gates, (UnixFileMode)0x1FF); // 0777

        var save = () => GateRecords.Save(folder.FullName, Record(Older, passed: true, DateTimeOffset.UtcNow));
        var read = () => GateRecords.Latest(folder.FullName);

        save.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(gates).And.Contain("no other user may write the gate records");
        read.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(gates);
        Directory.GetFiles(gates).Should().BeEmpty();
    }

    private static GateRecord Record(string revision, bool passed, DateTimeOffset time) =>
        new() { Revision = revision, Passed = passed, Digests = [Digest], Time = time, Why = passed ? null : "validation failed" };
}
