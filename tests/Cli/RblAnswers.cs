using System.Net;
using DnsClient;

namespace InfraTests.Cli.Tests;

/// <summary>What an rbldnsd host of a test answers in senderhost.bl.rbl, asked directly (not through the harness).</summary>
internal static class RblAnswers
{
    /// <summary>The TXT <paramref name="host"/> at <paramref name="address"/>:<paramref name="port"/> answers for <paramref name="name"/>; null when unlisted.</summary>
    public static async Task<string?> ReasonAsync(IPAddress address, int port, string host, string name)
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(address, port))
        {
            UseCache = false,
            UseTcpFallback = false,
            // bound: a loopback question is answered in milliseconds; 2 s a try and three more ride out a reloading daemon.
            Retries = 3,
            Timeout = TimeSpan.FromSeconds(2),
        });
        var answer = await client.QueryAsync($"{name}.senderhost.bl.rbl", QueryType.TXT);
        if (answer.HasError && answer.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new InvalidOperationException($"{host} answered {answer.Header.ResponseCode} for {name}");
        }

        return answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).FirstOrDefault();
    }

    /// <summary>Returns once <paramref name="ask"/> gets an answer from a host just started.</summary>
    public static async Task WaitUntilAnsweringAsync(Func<Task> ask, CancellationToken ct)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                await ask();
                return;
            }
            // bound: a poll for the new host's daemon to answer (the event), 100 tries 100 ms apart (each try bounded by
            // the client's timeout): rbldnsd answers within a second or two of its container's start.
            catch (Exception) when (tries < 100)
            {
                await Task.Delay(100, ct);
            }
        }
    }
}
