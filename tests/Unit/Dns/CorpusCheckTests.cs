using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Dns;
using InfraTests.Unit.Assertions;

namespace InfraTests.Unit.Dns;

/// <summary>
/// <see cref="CorpusCheck"/> against a DNS server in this process on 127.0.0.1 that answers as told, drops what it is told
/// to drop, and records what it was asked: every answer judged one by one, lost answers asked again, silence reported as
/// such.
/// </summary>
public sealed class CorpusCheckTests : IAsyncDisposable
{
    private const string Zone = "senderhost.bl.rbl";

    // bound: how long a try waits for its answer. A test that expects every answer uses Patient, which costs nothing when
    // the in-process server answers (well under a millisecond on loopback) and keeps a stall of the test process (a GC, a
    // machine at load 30) from turning into a re-ask or an "unanswered" that the test would count. Quick is for a server
    // that answers nothing at all, which is given up on whatever the machine does.
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(2);

    // bound: where some tries are dropped or ignored on purpose and the others must be answered, each dropped try is waited
    // out: short enough for 20 names dropped twice each, long enough that an answered try is not lost to a stall.
    private static readonly TimeSpan Partial = TimeSpan.FromMilliseconds(250);

    // bound: as Partial, where every name's first two tries are dropped, so no answer at all comes until the third tries:
    // a stall of the test process then makes the whole check look silent (250 ms lost one in CI, five test runs at once on
    // two cores); the dropped tries of all names wait out together, ~3 s.
    private static readonly TimeSpan Dropped = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Reply> data = new(StringComparer.OrdinalIgnoreCase);
    private readonly FakeServer server;

    public CorpusCheckTests() => server = new FakeServer(data);

    [Fact]
    public async Task Every_answer_is_judged_against_the_address_and_reason()
    {
        List(Zone, "trap-1.example", "127.0.0.2", "Spam trap hit");
        List(Zone, "trap-2.example", "127.0.0.2", "Something else");
        List(Zone, "trap-3.example", "127.0.0.9", "Spam trap hit");
        var check = Check(CorpusExpectation.Listed.WithAddress("127.0.0.2").WithReason("Spam trap hit"));

        var result = await check.RunAsync(Corpus.Of(["trap-1.example", "trap-2.example", "trap-3.example", "trap-4.example"]), TestContext.Current.CancellationToken);

        (result.Checked, result.Passed, result.MissCount, result.Unanswered).Should().Be((4, 1, 3, 0));
        result.Misses.Select(m => m.ToString()).Should().Equal(
            "trap-2.example: NOERROR with TXT \"Something else\"",
            "trap-3.example: NOERROR with A 127.0.0.9",
            "trap-4.example: NXDOMAIN");
        result.Misses[0].Expected.Should().Be("listed in senderhost.bl.rbl with A 127.0.0.2 and TXT \"Spam trap hit\"");
        result.Misses[2].Answer!.QueryName.Should().Be("trap-4.example.senderhost.bl.rbl");
        (result.Questions, result.Answers).Should().Be((8, 8), "A and TXT for each name, each answered once");
    }

    [Fact]
    public async Task Listed_name_in_a_clean_corpus_is_shown_with_its_reason()
    {
        List(Zone, "listed.example", "127.0.0.2", "Excessive spam");

        var result = await Check(CorpusExpectation.NotListed).RunAsync(Corpus.Of(["clean.example", "listed.example"]), TestContext.Current.CancellationToken);

        result.Misses.Should().ContainSingle().Which.ToString().Should().Be("listed.example: listed (127.0.0.2, \"Excessive spam\")");
    }

    [Fact]
    public async Task Lost_answers_are_asked_again_before_anything_counts_as_a_miss()
    {
        server.DropFirstTries = 2;

        var result = await Check(CorpusExpectation.NotListed, Dropped).RunAsync(Corpus.Of(Names(20)), TestContext.Current.CancellationToken);

        result.Should().Match<CorpusResult>(r => r.AllAsExpected && r.Checked == 20 && r.Reasked == 40);
    }

    [Fact]
    public async Task Name_never_answered_is_reported_unanswered_not_unlisted()
    {
        server.Ignore.Add($"lost.example.{Zone}");

        var result = await Check(CorpusExpectation.NotListed, Partial).RunAsync(Corpus.Of(["a.example", "lost.example", "b.example"]), TestContext.Current.CancellationToken);

        (result.Passed, result.MissCount, result.Unanswered).Should().Be((2, 1, 1));
        var miss = result.Misses.Should().ContainSingle().Which;
        miss.Unanswered.Should().BeTrue();
        miss.Answered.Should().Be($"no answer to A (lost.example.{Zone}) after 3 tries over UDP");
        miss.Line.Should().Be(2);
    }

    [Fact]
    public async Task Server_that_answers_nothing_stops_the_check_with_one_line()
    {
        server.Silent = true;

        var act = () => Check(CorpusExpectation.NotListed, Quick).RunAsync(Corpus.Of(Names(50)), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .MatchRegex(@"^127\.0\.0\.1:\d+/udp stopped answering: not one answer to any question for \d+\.\d s, after \d+ names checked \(0 passed\); image 127\.0\.0\.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…, rbldnsd 0\.998\.1\. See the daemon's log\.$");
    }

    [Fact]
    public async Task Answer_to_another_question_with_the_same_id_is_not_taken()
    {
        List(Zone, "trap.example", "127.0.0.2", "Spam trap hit");
        server.DecoyFirst = true;

        var result = await Check(CorpusExpectation.Listed.WithReason("Spam trap hit")).RunAsync(Corpus.Of(["trap.example"]), TestContext.Current.CancellationToken);

        result.AllAsExpected.Should().BeTrue("the decoy (NXDOMAIN for another name, same id) came first and was ignored");
    }

    [Fact]
    public async Task Addresses_are_asked_with_reversed_octets()
    {
        List("senderip.bl.rbl", "10.2.0.192", "127.0.0.10", "Dynamic address");

        var result = await CorpusCheck.Against(new Blocklist(server.Endpoint, "senderip.bl.rbl"), CorpusExpectation.Listed.WithReasonContaining("Dynamic"))
            .RunAsync(Corpus.Of(["192.0.2.10"]), TestContext.Current.CancellationToken);

        result.AllAsExpected.Should().BeTrue();
        server.Asked.Should().BeEquivalentTo("10.2.0.192.senderip.bl.rbl A", "10.2.0.192.senderip.bl.rbl TXT");
    }

    [Fact]
    public async Task Error_answer_is_a_miss_whatever_was_expected()
    {
        data[$"broken.example.{Zone}"] = new Reply(DnsResponseCode.ServerFailure, null, null);

        var result = await Check(CorpusExpectation.NotListed).RunAsync(Corpus.Of(["broken.example"]), TestContext.Current.CancellationToken);

        result.Misses.Should().ContainSingle().Which.Answered.Should().Be("SERVFAIL");
    }

    [Fact]
    public async Task Against_an_images_zones_a_whitelisted_host_is_not_blocked_and_a_listed_one_is()
    {
        List(Zone, "news.mailing.example", "127.0.0.2", "Excessive spam");
        List(Zone, "sh8.mailing.example", "127.0.0.2", "Excessive spam");
        List("senderhost.wl.rbl", "news.mailing.example", "127.0.0.2", "Whitelisted");
        var check = CorpusCheck.Against(server.Endpoint, [Zone, "senderip.bl.rbl"], ["senderhost.wl.rbl", "senderip.wl.rbl"], CorpusExpectation.NotListed).WithTimeout(Patient, retries: 2);

        var result = await check.RunAsync(Corpus.Of(["news.mailing.example", "clean.example", "sh8.mailing.example"]), TestContext.Current.CancellationToken);

        result.Listing.Should().Be("blocked (listed in senderhost.bl.rbl or senderip.bl.rbl, not whitelisted in senderhost.wl.rbl or senderip.wl.rbl)");
        result.Misses.Should().ContainSingle().Which.ToString().Should()
            .Be("sh8.mailing.example: blocked: listed in senderhost.bl.rbl (127.0.0.2, \"Excessive spam\"), not whitelisted");
        server.Asked.Should().NotContain(q => q.StartsWith("clean.example.senderhost.wl.rbl", StringComparison.Ordinal), "a name no blocklist lists needs no whitelist question");
    }

    [Fact]
    public async Task Against_an_images_zones_a_whitelisted_trap_is_not_blocked()
    {
        List(Zone, "trap.example", "127.0.0.2", "Spam trap hit");
        List("senderhost.wl.rbl", "trap.example", "127.0.0.2", "Whitelisted");
        var check = CorpusCheck.Against(server.Endpoint, [Zone], ["senderhost.wl.rbl"], CorpusExpectation.Listed).WithTimeout(Patient, retries: 2);

        var result = await check.RunAsync(Corpus.Of(["trap.example"]), TestContext.Current.CancellationToken);

        result.Misses.Should().ContainSingle().Which.Answered.Should().Be("listed in senderhost.bl.rbl (127.0.0.2) but whitelisted in senderhost.wl.rbl (127.0.0.2)");
    }

    [Fact]
    public async Task Only_the_first_misses_are_kept_and_all_are_counted()
    {
        var result = await Check(CorpusExpectation.Listed).WithMissesKept(5).RunAsync(Corpus.Of(Names(300)), TestContext.Current.CancellationToken);

        result.MissCount.Should().Be(300);
        result.Misses.Select(m => m.Line).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Progress_is_reported_every_n_names_one_report_at_a_time()
    {
        var reports = new ConcurrentQueue<CorpusProgress>();
        var check = Check(CorpusExpectation.NotListed).WithProgress(new Recorder(reports), every: 100);

        await check.RunAsync(Corpus.Of(Names(350)), TestContext.Current.CancellationToken);

        reports.Select(r => r.Checked).Should().Equal(100, 200, 300);
        reports.Should().OnlyContain(r => r.Passed == r.Checked && r.Misses == 0);
    }

    [Fact]
    public async Task Bad_line_stops_the_check_naming_it()
    {
        var act = () => Check(CorpusExpectation.NotListed).RunAsync(Corpus.Of(["a.example", "not a name"], "customers.txt"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<CorpusFormatException>()).Which.Message.Should().StartWith("customers.txt:2: 'not a name' is neither");
    }

    [Fact]
    public async Task Name_too_long_to_ask_with_the_zone_stops_the_check_naming_its_line()
    {
        var name = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 59));

        var act = () => Check(CorpusExpectation.NotListed).RunAsync(Corpus.Of(["a.example", name], "customers.txt"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<CorpusFormatException>()).Which.Message.Should()
            .Be($"customers.txt:2: '{name}.{Zone}' is 271 bytes long as a DNS name; at most 255 fit: fix or remove the line.");
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static IEnumerable<string> Names(int count) => Enumerable.Range(1, count).Select(n => $"name-{n:0000}.example");

    private CorpusCheck Check(CorpusExpectation expectation, TimeSpan? timeout = null) =>
        CorpusCheck.Against(new Blocklist(server.Endpoint, Zone), expectation).WithTimeout(timeout ?? Patient, retries: 2);

    private void List(string zone, string name, string address, string reason) =>
        data[$"{name}.{zone}"] = new Reply(DnsResponseCode.NoError, address, reason);

    /// <summary>What the fake server answers for one name: a response code, and when listed an A value and a TXT.</summary>
    private sealed record Reply(DnsResponseCode Code, string? Address, string? Reason);

    private sealed class Recorder(ConcurrentQueue<CorpusProgress> reports) : IProgress<CorpusProgress>
    {
        public void Report(CorpusProgress value) => reports.Enqueue(value);
    }

    /// <summary>
    /// A DNS server on 127.0.0.1 in this process: NXDOMAIN for names it does not hold; it can drop the first tries of
    /// each question, ignore some names, stay silent, or send a decoy answer (same id, another question) first.
    /// </summary>
    private sealed class FakeServer : IAsyncDisposable
    {
        private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly ConcurrentDictionary<string, Reply> data;
        private readonly ConcurrentDictionary<string, int> tries = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Task serving;

        public FakeServer(ConcurrentDictionary<string, Reply> data)
        {
            this.data = data;
            Endpoint = new DnsEndpoint(IPAddress.Loopback, ((IPEndPoint)socket.Client.LocalEndPoint!).Port, null, Answers.Image, new FixedLog("fake: ready"));
            serving = Task.Run(ServeAsync);
        }

        public DnsEndpoint Endpoint { get; }

        public int DropFirstTries { get; set; }

        public bool Silent { get; set; }

        public bool DecoyFirst { get; set; }

        public ConcurrentBag<string> Ignore { get; } = [];

        public ConcurrentQueue<string> Asked { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            socket.Dispose();
            try
            {
                await serving;
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }

            stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(stop.Token);
                var query = received.Buffer;
                var (name, type, questionEnd) = Question(query);
                var attempt = tries.AddOrUpdate($"{name} {type}", 1, (_, n) => n + 1);
                if (attempt == 1)
                {
                    Asked.Enqueue($"{name} {type}");
                }

                if (Silent || Ignore.Contains(name) || attempt <= DropFirstTries)
                {
                    continue;
                }

                if (DecoyFirst)
                {
                    var decoy = query[..questionEnd];
                    decoy[DnsWire.HeaderLength + 1] = (byte)(decoy[DnsWire.HeaderLength + 1] == 'z' ? 'y' : 'z');
                    await socket.SendAsync(Response(decoy, decoy.Length, new Reply(DnsResponseCode.NotExistentDomain, null, null), type), received.RemoteEndPoint, stop.Token);
                }

                var reply = data.GetValueOrDefault(name) ?? new Reply(DnsResponseCode.NotExistentDomain, null, null);
                await socket.SendAsync(Response(query, questionEnd, reply, type), received.RemoteEndPoint, stop.Token);
            }
        }

        private static (string Name, QueryType Type, int End) Question(byte[] query)
        {
            var labels = new List<string>();
            var at = DnsWire.HeaderLength;
            while (query[at] != 0)
            {
                labels.Add(Encoding.ASCII.GetString(query, at + 1, query[at]));
                at += 1 + query[at];
            }

            var type = (QueryType)BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
            return (string.Join('.', labels), type, at + 5);
        }

        // The query's header and question, QR and AA set, the response code, and an A or TXT record pointing at the question name.
        private static byte[] Response(byte[] query, int questionEnd, Reply reply, QueryType type)
        {
            var record = new List<byte>();
            if (reply.Code == DnsResponseCode.NoError && reply.Address is not null && (type == QueryType.A || reply.Reason is not null))
            {
                var data = type == QueryType.A
                    ? IPAddress.Parse(reply.Address).GetAddressBytes()
                    : [(byte)reply.Reason!.Length, .. Encoding.UTF8.GetBytes(reply.Reason)];
                record.AddRange([0xC0, 0x0C, 0, (byte)type, 0, 1, 0, 0, 0x08, 0x34, 0, (byte)data.Length]);
                record.AddRange(data);
            }

            var response = new byte[questionEnd + record.Count];
            query.AsSpan(0, questionEnd).CopyTo(response);
            response[2] = (byte)(0x80 | 0x04 | (response[2] & 0x78));
            response[3] = (byte)reply.Code;
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)(record.Count > 0 ? 1 : 0));
            record.CopyTo(response, questionEnd);
            return response;
        }
    }
}
