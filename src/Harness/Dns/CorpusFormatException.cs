namespace InfraTests.Harness.Dns;

/// <summary>A corpus line that is neither a host name nor an IP address, or a corpus file that does not exist: names the file (and line).</summary>
public sealed class CorpusFormatException : InfraTestsException
{
    /// <summary>Creates the exception with its one-line message, e.g. <c>spamtraps.txt:17: 'bad_name!' is neither …</c>.</summary>
    public CorpusFormatException(string message)
        : base(message)
    {
    }
}
