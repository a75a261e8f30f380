namespace InfraTests.Harness.Checks;

/// <summary>What the daemon said about one <see cref="ServiceCheck"/>.</summary>
/// <param name="Check">The expectation.</param>
/// <param name="Passed">Whether the daemon's answers met it.</param>
/// <param name="Answered">What the daemon answered, in a few words (zones, A value, reason, whitelisting; status, title, what differed).</param>
public sealed record CheckVerdict(ServiceCheck Check, bool Passed, string Answered)
{
    /// <summary>
    /// The verdict as a sentence, for a failure message: <c>expected a.example clean, but a.example is listed in …</c>, or
    /// <c>expected GET /dns/ answers 200, but it answered 404 Not Found, …</c>.
    /// </summary>
    public string Sentence => Check.Protocol == "dns"
        ? $"expected {Check}, but {Check.Name} is {Answered}"
        : $"expected {Check}, but it answered {Answered}";
}
