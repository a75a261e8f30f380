namespace InfraTests.Harness.Dns;

/// <summary>One name or IP address of a <see cref="Corpus"/>, with the line it came from (its position in a list).</summary>
/// <param name="Subject">The host name or IP address, without a trailing dot, e.g. <c>spamtrap-000017.corpus.example</c>.</param>
/// <param name="Line">The line of the file it was read from, counting comments and blank lines; 1 for the first.</param>
public readonly record struct CorpusEntry(string Subject, long Line);
