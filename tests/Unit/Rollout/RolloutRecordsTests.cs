using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>Records of past rollouts in a folder of the test's own: saved and found again by id, prefix or latest; bad folders and files in one line.</summary>
public sealed class RolloutRecordsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-records-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void A_saved_record_loads_back_by_id_by_its_start_and_as_latest()
    {
        var record = Record("20261130T071502Z-1a2b3c4d5e6f");

        var saved = RolloutRecords.Save(folder.FullName, record);

        saved.Should().BeEquivalentTo(record, "the first record of an id keeps it");
        File.Exists(Path.Combine(folder.FullName, "20261130T071502Z-1a2b3c4d5e6f.json")).Should().BeTrue();
        RolloutRecords.Load(folder.FullName, record.Id).Should().BeEquivalentTo(record);
        RolloutRecords.Load(folder.FullName, "20261130T0715").Should().BeEquivalentTo(record);
        RolloutRecords.Load(folder.FullName, "latest").Should().BeEquivalentTo(record);
    }

    [Fact]
    public void Records_are_listed_oldest_first_and_latest_is_the_newest_id()
    {
        foreach (var id in new[] { "20261130T071502Z-bbbbbbbbbbbb", "20261201T000000Z-cccccccccccc", "20261129T235959Z-aaaaaaaaaaaa" })
        {
            RolloutRecords.Save(folder.FullName, Record(id));
        }

        RolloutRecords.List(folder.FullName).Should().Equal("20261129T235959Z-aaaaaaaaaaaa", "20261130T071502Z-bbbbbbbbbbbb", "20261201T000000Z-cccccccccccc");
        RolloutRecords.Load(folder.FullName, "latest").Id.Should().Be("20261201T000000Z-cccccccccccc");
        RolloutRecords.Load(folder.FullName, "20261130").Id.Should().Be("20261130T071502Z-bbbbbbbbbbbb");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-there")]
    public void An_empty_or_missing_folder_is_one_line_saying_nothing_was_recorded(string subfolder)
    {
        var where = Path.Combine(folder.FullName, subfolder);
        var load = () => RolloutRecords.Load(where, "latest");

        RolloutRecords.List(where).Should().BeEmpty();
        load.Should().Throw<InfraTestsException>().WithMessage($"{where}: no rollout has been recorded here yet.").Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void An_unknown_id_is_one_line_naming_the_latest()
    {
        RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-1a2b3c4d5e6f"));
        var load = () => RolloutRecords.Load(folder.FullName, "20250101");

        load.Should().Throw<InfraTestsException>()
            .WithMessage($"{folder.FullName}: no rollout record '20250101': the latest is 20261130T071502Z-1a2b3c4d5e6f (`infratests rollout show latest`).")
            .Which.Message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData("{\"id\": \"20261130T071502Z-1a2b3c4d5e6f\", \"revis")]
    [InlineData("not json at all\n")]
    [InlineData("null")]
    [InlineData("{\"id\": \"20261130T071502Z-1a2b3c4d5e6f\"}")]
    public void A_corrupted_record_is_one_line_naming_its_file(string text)
    {
        var path = Path.Combine(folder.FullName, "20261130T071502Z-1a2b3c4d5e6f.json");
        File.WriteAllText(path, text);
        var load = () => RolloutRecords.Load(folder.FullName, "latest");

        load.Should().Throw<InfraTestsException>()
            .WithMessage($"{path}: not a rollout record (*): it was edited or cut short; remove it.")
            .Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Target_states_are_written_in_kebab_case()
    {
        var saved = RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-1a2b3c4d5e6f"));

        var text = File.ReadAllText(Path.Combine(folder.FullName, saved.Id + ".json"));

        text.Should().Contain("\"state\": \"restore-failed\"").And.Contain("\"state\": \"updated\"").And.Contain("\"state\": \"untouched\"")
            .And.Contain("\"result\": \"stopped\"").And.NotContain("RestoreFailed");
    }

    [Fact]
    public void Two_rollouts_of_one_revision_in_the_same_second_keep_two_records()
    {
        var first = RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-1a2b3c4d5e6f"));
        var second = RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-1a2b3c4d5e6f"));

        second.Id.Should().Be("20261130T071502Z-1a2b3c4d5e6f-2");
        RolloutRecords.List(folder.FullName).Should().Equal(first.Id, second.Id);
        RolloutRecords.Load(folder.FullName, first.Id).Id.Should().Be(first.Id, "an exact id is never taken for a prefix of a longer one");
    }

    [Fact]
    public async Task Records_saved_with_one_id_at_the_same_time_are_all_kept()
    {
        // Sixteen writers (two webhooks and CLIs finishing in the same second) released at once by a barrier.
        const int writers = 16;
        using var start = new Barrier(writers);
        var saves = Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            return RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-1a2b3c4d5e6f")).Id;
        }));

        var ids = await Task.WhenAll(saves);

        ids.Should().OnlyHaveUniqueItems("each writer gets a name of its own");
        RolloutRecords.List(folder.FullName).Should().HaveCount(writers, "no record overwrote another: {0}", string.Join(", ", ids));
    }

    [Fact]
    public void A_prefix_that_fits_several_records_is_one_line_asking_for_more_of_the_id()
    {
        RolloutRecords.Save(folder.FullName, Record("20261130T071502Z-aaaa"));
        RolloutRecords.Save(folder.FullName, Record("20261130T071503Z-bbbb"));

        var load = () => RolloutRecords.Load(folder.FullName, "20261130T0715");

        load.Should().Throw<InfraTestsException>().Which.Message.Should().Be(
            $"{folder.FullName}: '20261130T0715' could be any of 2 rollout records (20261130T071502Z-aaaa, 20261130T071503Z-bbbb): give more of the id.");
    }

    private static RolloutRecord Record(string id) => new()
    {
        Id = id,
        Revision = "1a2b3c4d5e6f00112233445566778899aabbccdd",
        Summary = "bl: list sh8.mailingliststart.com",
        Selector = "containers labelled service=rbldnsd",
        Started = new DateTimeOffset(2026, 11, 30, 7, 15, 2, TimeSpan.Zero),
        Duration = TimeSpan.FromSeconds(4.25),
        BatchSize = 2,
        Result = RolloutResult.Stopped,
        Targets =
        [
            new TargetOutcome { Target = "dc1/host1", ContainerId = "aaaa", State = TargetState.Updated, Copy = TimeSpan.FromMilliseconds(40), Update = TimeSpan.FromSeconds(1), Checks = "4/4", Total = TimeSpan.FromSeconds(2) },
            new TargetOutcome
            {
                Target = "dc1/host2",
                ContainerId = "bbbb",
                State = TargetState.RestoreFailed,
                FailedStep = "validate",
                Message = "/service/bin/validate.sh exited 1: bad zone; restore failed: /service/bin/validate.sh exited 1: still bad",
                Restore = TimeSpan.FromSeconds(1.5),
                Total = TimeSpan.FromSeconds(3),
            },
            new TargetOutcome { Target = "dc2/host3", ContainerId = "cccc", State = TargetState.Untouched },
        ],
    };
}
