namespace InfraTests.Harness.Dnssec;

/// <summary>What <c>delv</c>, BIND's validator, said of one record set under one trust anchor.</summary>
/// <param name="RecordSet">The question, as <c>www.example.net A</c>.</param>
/// <param name="Anchor">The trust anchor, as messages name it: <c>the zone's own keys</c> or <c>DS 57008 13 2 …</c>.</param>
/// <param name="FullyValidated">True when delv said <c>fully validated</c>.</param>
/// <param name="Words">delv's own words: <c>fully validated</c>, or why not (<c>resolution failed: broken trust chain</c>).</param>
public sealed record ValidatorVerdict(string RecordSet, string Anchor, bool FullyValidated, string Words)
{
    /// <summary>The verdict as messages quote it: <c>www.example.net A: resolution failed: broken trust chain</c>.</summary>
    public override string ToString() => $"{RecordSet}: {Words}";
}
