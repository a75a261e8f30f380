using System.Globalization;
using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Asks one <see cref="SerialCheck"/>: the zone's SOA of the service and of its primary, at once; equal serials pass. A
/// primary that does not answer fails the check, saying so: the check cannot tell the serials agree.
/// </summary>
internal static class SerialCheckRun
{
    public static async Task<CheckVerdict> RunAsync(ServiceCheck check, SerialCheck serial, DnsEndpoint service, CancellationToken cancellationToken)
    {
        var here = service.QueryAsync(serial.Zone, QueryType.SOA, cancellationToken: cancellationToken);
        var there = PrimarySerialAsync(serial, cancellationToken);
        var (mine, theirs) = (Serial(await here.ConfigureAwait(false)), await there.ConfigureAwait(false));
        var answered = string.Create(CultureInfo.InvariantCulture, $"serial {mine?.ToString(CultureInfo.InvariantCulture) ?? "none"} here, {theirs.Text} at the primary {serial.Primary}");
        return new CheckVerdict(check, mine is not null && mine == theirs.Serial, answered);
    }

    private static async Task<(uint? Serial, string Text)> PrimarySerialAsync(SerialCheck serial, CancellationToken cancellationToken)
    {
        // bound: one question to the primary, 2 s a try and two more tries, as every question of the harness.
        var client = DnsEndpoint.CreateClient(serial.PrimaryEndpoint.Address, serial.PrimaryEndpoint.Port, DnsTransport.Udp);
        try
        {
            var response = await client.QueryAsync(new DnsQuestion(serial.Zone, QueryType.SOA), cancellationToken).ConfigureAwait(false);
            var soa = response.Answers.OfType<SoaRecord>().FirstOrDefault();
            return soa is null
                ? (null, $"no SOA ({((DnsResponseCode)response.Header.ResponseCode).ToString().ToUpperInvariant()})")
                : (soa.Serial, soa.Serial.ToString(CultureInfo.InvariantCulture));
        }
        catch (DnsResponseException exception)
        {
            return (null, $"no answer ({Text.Words.OneLine(exception.Message)})");
        }
    }

    private static uint? Serial(DnsAnswer answer) => answer.Answers.OfType<SoaRecord>().FirstOrDefault()?.Serial;
}
