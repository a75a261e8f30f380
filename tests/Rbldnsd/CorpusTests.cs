using System.Globalization;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Assertions.Blocklists;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Corpora, not one host: every one of 100,000 spam traps is listed with its reason; none of 100,000 customers' hosts (and
/// the whitelisted ones among them) is blocked; three traps missing from the data fail naming exactly those three. The
/// rates and memory readings go to the test output, never into an assertion.
/// </summary>
public sealed class CorpusTests(CorpusTests.SpamTraps traps) : IClassFixture<CorpusTests.SpamTraps>
{
    private const int Size = 100_000;

    private const string Reason = "Spam trap hit";

    private static readonly int[] Removed = [17, 50_000, 99_999];

    [Fact]
    public async Task Every_one_of_100000_spam_traps_is_listed_with_its_reason_in_flat_memory()
    {
        var blocklist = traps.SenderHosts(traps.Complete);

        // Warm (code compiled, sockets' buffers and the heap's first segments in place), then the first tenth alone, then the
        // whole corpus: the process's peak memory does not grow with the corpus, only the garbage collected along the way.
        await Corpus.Of(SpamTrapNames(1_000)).Should().AllBeListedInAsync(blocklist, withAddress: "127.0.0.2", withReason: Reason);
        var (tenth, tenthMemory) = await MeasureAsync(() => Corpus.Of(SpamTrapNames(Size / 10)).Should()
            .AllBeListedInAsync(blocklist, withAddress: "127.0.0.2", withReason: Reason));
        var (all, allMemory) = await MeasureAsync(() => Corpus.Of(SpamTrapNames(Size)).Should()
            .AllBeListedInAsync(blocklist, withAddress: "127.0.0.2", withReason: Reason));

        Report("spam traps, listed with A and TXT", all);
        Write(Growth(tenth, tenthMemory));
        Write(Growth(all, allMemory));
        all.Checked.Should().Be(Size);
    }

    [Fact]
    public async Task None_of_100000_customers_hosts_is_blocked_and_whitelisted_hosts_pass()
    {
        // Whitelisted in wl.rbl: a host under a domain bl.rbl lists, a partner bl.rbl never lists, an address in a listed range.
        string[] whitelisted = ["news.mailingliststart.com", "mx.example.com", "192.0.2.20", "198.51.100.20"];

        var result = (await Corpus.Of(CustomerNames(Size).Concat(whitelisted)).Should().NoneBeBlockedByAsync(traps.Complete)).Which;

        Report("customers, not blocked in any zone", result);
        result.Checked.Should().Be(Size + whitelisted.Length);
    }

    [Fact]
    public async Task Three_traps_missing_from_the_data_fail_naming_exactly_those_three()
    {
        var act = () => Corpus.Of(SpamTrapNames(Size)).Should().AllBeListedInAsync(traps.SenderHosts(traps.ThreeMissing));

        var message = (await act.Should().ThrowAsync<Exception>()).Which.Message;

        TestContext.Current.TestOutputHelper?.WriteLine(message);
        message.Should().StartWith(
            $"Expected all {Size} names to be listed in senderhost.bl.rbl, but 3 were not:{Environment.NewLine}"
            + string.Concat(Removed.Select(i => $"  {SpamTrap(i)}: NXDOMAIN{Environment.NewLine}"))
            + $"(asked {Size} questions via 127.0.0.1:");
        message.Should().Contain($"image {traps.ThreeMissing.Tested.ShortReference}, {traps.ThreeMissing.Tested.DaemonVersion}).")
            .And.Contain("Daemon log").And.Contain($"dnset:senderhost: e/w={Size - Removed.Length}/0");
    }

    /// <summary>The n-th spam trap: <c>spamtrap-000017.corpus.example</c>.</summary>
    internal static string SpamTrap(int n) => $"spamtrap-{n:000000}.corpus.example";

    private static IEnumerable<string> SpamTrapNames(int count) => Enumerable.Range(1, count).Select(SpamTrap);

    // Under a domain no zone of the sample mentions.
    private static IEnumerable<string> CustomerNames(int count) => Enumerable.Range(1, count).Select(n => $"mx{n % 3 + 1}.customer-{n:000000}.customers.example");

    private static async Task<(CorpusResult Result, Memory Memory)> MeasureAsync(Func<Task<AndWhichConstraint<CorpusAssertions, CorpusResult>>> check)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (collections, allocated) = (GC.CollectionCount(0), GC.GetTotalAllocatedBytes());

        // Linux: writing 5 to clear_refs resets the process's peak resident set (VmHWM) to what it uses now.
        File.WriteAllText("/proc/self/clear_refs", "5");
        var before = Status("VmRSS");
        var result = (await check()).Which;
        return (result, new Memory(Status("VmHWM") - before, GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(0) - collections));
    }

    private static long Status(string field) => 1024 * long.Parse(
        File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture);

    private static string Growth(CorpusResult result, Memory memory) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Checked,6} names: peak working set +{memory.PeakWorkingSet / 1048576.0:0.0} MiB while {memory.Allocated / 1048576.0:0} MiB were allocated and collected ({memory.Collections} collections); {result.Summary}");

    private static void Report(string what, CorpusResult result) =>
        Write(string.Create(CultureInfo.InvariantCulture, $"{what}: {result.Checked} names, {result.Answers} answers in {result.Elapsed.TotalSeconds:0.00} s = {result.AnswersPerSecond:N0} answers/s ({result.NamesPerSecond:N0} names/s), {result.Reasked} re-asked"));

    private static void Write(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    /// <summary>How much memory the process took while a check ran, over what it used before.</summary>
    private sealed record Memory(long PeakWorkingSet, long Allocated, int Collections);

    /// <summary>
    /// Two containers of the production image: the sample's data with 100,000 spam traps appended to zones/bl, and the same
    /// without three of them.
    /// </summary>
    public sealed class SpamTraps : IAsyncLifetime
    {
        private readonly WorkingTree complete = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        private readonly WorkingTree threeMissing = WorkingTree.CopyOf(RbldnsdService.Root.Path);

        public ServiceContainer Complete { get; private set; } = null!;

        public ServiceContainer ThreeMissing { get; private set; } = null!;

        public Blocklist SenderHosts(ServiceContainer service) => new(service.Dns, "senderhost.bl.rbl");

        public async ValueTask InitializeAsync()
        {
            AppendTraps(complete, _ => true);
            AppendTraps(threeMissing, n => !Removed.Contains(n));
            var starts = new[] { RbldnsdService.StartWithAsync(complete), RbldnsdService.StartWithAsync(threeMissing) };
            try
            {
                await Task.WhenAll(starts);
            }
            catch
            {
                foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
                {
                    await (await start).DisposeAsync();
                }

                throw;
            }

            (Complete, ThreeMissing) = (await starts[0], await starts[1]);
        }

        public async ValueTask DisposeAsync()
        {
            if (Complete is not null)
            {
                await Complete.DisposeAsync();
            }

            if (ThreeMissing is not null)
            {
                await ThreeMissing.DisposeAsync();
            }

            complete.Dispose();
            threeMissing.Dispose();
        }

        // A dnset section of their own at the end of zones/bl (rbldnsd adds it to senderhost.bl.rbl), each with its A and TXT.
        private static void AppendTraps(WorkingTree tree, Func<int, bool> include)
        {
            using var zone = File.AppendText(tree.PathOf("zones/bl"));
            zone.WriteLine("$DATASET dnset:senderhost senderhost");
            foreach (var n in Enumerable.Range(1, Size).Where(include))
            {
                zone.WriteLine($"{SpamTrap(n)} :127.0.0.2:{Reason}");
            }
        }
    }
}

