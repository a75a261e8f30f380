using System.Net;

namespace InfraTests.Harness.Checks;

/// <summary>
/// A zone whose SOA serial must be the one its primary serves (a <c>consistent:</c> entry of the checks file): a secondary
/// left on an older serial fails it.
/// </summary>
/// <param name="Zone">The zone, e.g. <c>example.com</c>.</param>
/// <param name="Primary">Where its primary answers, asked from where the check runs: <c>172.18.0.2:53</c>, <c>[2001:db8::53]:53</c>.</param>
public sealed record SerialCheck(string Zone, string Primary)
{
    /// <summary>Where the primary is asked: <see cref="Primary"/> read as an address and port.</summary>
    internal IPEndPoint PrimaryEndpoint => IPEndPoint.Parse(Primary);

    /// <summary>The expectation as a sentence: <c>example.com has the serial of its primary 172.18.0.2:53</c>.</summary>
    public override string ToString() => $"{Zone} has the serial of its primary {Primary}";
}
