namespace InfraTests.Harness.Dns;

/// <summary>How a DNS question travels to the daemon.</summary>
public enum DnsTransport
{
    /// <summary>UDP, the way resolvers and MTAs ask first.</summary>
    Udp,

    /// <summary>TCP, used for large answers and zone transfers.</summary>
    Tcp,
}
