using System.Net;
using System.Net.Sockets;
using DnsClient;
using FluentAssertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Dns;

/// <summary>
/// <see cref="UdpPipeline"/> against a socket on 127.0.0.1 that this test answers by hand, byte by byte: an answer is matched
/// to its question by id and question only, once; what is too short, for another id, repeated or late is left alone.
/// </summary>
public sealed class UdpPipelineTests : IAsyncDisposable
{
    // bound: how long a try waits before it is sent again, where a test wants no retry: far longer than a loopback round trip.
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(5);

    // bound: where a test wants the retry, the first try is waited out this long (the pipeline checks every 50 ms).
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    // bound: how long the test's own server waits for a datagram before the test fails.
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);

    private readonly UdpClient server = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpPipeline pipeline;

    public UdpPipelineTests() => pipeline = new UdpPipeline((IPEndPoint)server.Client.LocalEndPoint!, sockets: 1);

    [Fact]
    public async Task Repeated_answer_completes_its_question_once()
    {
        var asking = Ask("a.example.zone", Patient, retries: 0);
        var (query, client) = await ReceiveAsync();
        await SendAsync(Response(query, 1), client);
        await SendAsync(Response(query, 1), client);
        (await asking).Should().Equal(Response(query, 1));

        // The next question's answer comes after the repeat on the same socket: once it is read, so was the repeat.
        var next = Ask("b.example.zone", Patient, retries: 0);
        var (second, _) = await ReceiveAsync();
        await SendAsync(Response(second, 2), client);
        (await next).Should().Equal(Response(second, 2));

        (pipeline.Questions, pipeline.Answers, pipeline.Reasked).Should().Be((2, 2, 0), "the repeated answer is neither counted nor given to the next question");
    }

    [Fact]
    public async Task Answer_with_another_id_or_too_short_is_left_alone()
    {
        var asking = Ask("a.example.zone", Patient, retries: 0);
        var (query, client) = await ReceiveAsync();
        var otherId = Response(query, 7);
        DnsWire.SetId(otherId, (ushort)(DnsWire.Id(query) + 1));
        await SendAsync(otherId, client);
        await SendAsync(Response(query, 8)[..(DnsWire.HeaderLength - 1)], client);
        await SendAsync(Response(query, 9), client);

        (await asking).Should().Equal(Response(query, 9), "only the whole answer with the question's id is its answer");
        pipeline.Answers.Should().Be(1);
    }

    [Fact]
    public async Task Late_answer_to_the_first_try_answers_the_question_once()
    {
        var asking = Ask("late.example.zone", Short, retries: 5);
        var (first, client) = await ReceiveAsync();
        var (again, _) = await ReceiveAsync();
        again.Should().Equal(first, "a retry sends the same question with the same id");

        // The first try's answer arrives only now, after the retry went out; then the retry's own answer.
        await SendAsync(Response(first, 1), client);
        await SendAsync(Response(again, 2), client);

        (await asking).Should().Equal(Response(first, 1));
        pipeline.Reasked.Should().BeGreaterThanOrEqualTo(1);
        pipeline.Answers.Should().Be(1, "the retry's answer is a repeat of an answered question");
    }

    [Fact]
    public async Task Question_without_answer_gives_null_after_its_tries()
    {
        var asking = Ask("silent.example.zone", Short, retries: 1);
        await ReceiveAsync();
        await ReceiveAsync();

        (await asking).Should().BeNull();
        (pipeline.Questions, pipeline.Answers, pipeline.Reasked).Should().Be((1, 0, 1));
    }

    public async ValueTask DisposeAsync()
    {
        await pipeline.DisposeAsync();
        server.Dispose();
    }

    private Task<byte[]?> Ask(string name, TimeSpan timeout, int retries) =>
        pipeline.AskAsync(DnsWire.Query(0, name, QueryType.A), timeout, retries, TestContext.Current.CancellationToken);

    private async Task<(byte[] Query, IPEndPoint Client)> ReceiveAsync()
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(Arrival);
        var received = await server.ReceiveAsync(wait.Token);
        return (received.Buffer, received.RemoteEndPoint);
    }

    private Task SendAsync(byte[] datagram, IPEndPoint client) => server.SendAsync(datagram, client).AsTask();

    // The query with QR set and an A record 127.0.0.<last> pointing at the question name: <last> tells the answers apart.
    private static byte[] Response(byte[] query, byte last)
    {
        byte[] record = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 127, 0, 0, last];
        var response = new byte[query.Length + record.Length];
        query.CopyTo(response, 0);
        response[2] |= 0x84;
        response[7] = 1;
        record.CopyTo(response, query.Length);
        return response;
    }
}
