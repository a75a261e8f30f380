using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>The records of one type in an answer section against the values a test expects, compared by value in any order.</summary>
internal static class RecordSets
{
    /// <summary>
    /// Exactly the expected values, or at least them; values are checked before the answer, so a test's mistake is told as
    /// one even when the answer is missing.
    /// </summary>
    public static Verdict Compare(DnsAnswer? answer, QueryType type, IEnumerable<string> values, bool exactly)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Enum.IsDefined((ResourceRecordType)(int)type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, $"{type} is a query-only type; records in an answer are never of that type.");
        }

        var expected = values.Select(v => RecordValue.Expected(type, v, nameof(values))).ToList();
        if (answer is null)
        {
            return Verdict.Of(false, () => AnswerSentence.NoAnswer);
        }

        var records = answer.Answers.Where(r => (int)r.RecordType == (int)type).ToList();
        var difference = RecordSetDifference.Between(expected, records.Select(RecordValue.Of));
        var expectation = expected.Count == 0
            ? $"to have no {type} records"
            : $"to have {(exactly ? "exactly" : "at least")} {type} {RecordSetDifference.List(expected)}";
        return Verdict.Of(
            difference.Missing.Count == 0 && (!exactly || difference.Extra.Count == 0),
            () => AnswerSentence.For(
                answer,
                expectation,
                records.Count == 0 ? $"the server answered {answer.Status} with no {type} records" : difference.Describe(withExtra: exactly)));
    }
}
