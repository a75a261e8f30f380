using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Dnssec;

/// <summary>
/// Runs <c>delv</c> (BIND's validator, in the served image) inside the served container against the daemon itself, with
/// the trust anchors given: one exec for every record set asked, one verdict each, in delv's own words.
/// </summary>
internal static class Delv
{
    // $1 the trust anchors, $2 the zone (delv's +root), then "name type" per record set. The anchors go to a private
    // temporary file, as delv -a reads them; delv writes its verdict as comment lines.
    private const string Script = """
        f=$(mktemp) || exit 3
        printf 'trust-anchors {\n%s\n};\n' "$1" >"$f"
        zone=$2; shift 2
        for q in "$@"; do
          echo "== $q"
          delv -a "$f" +root="$zone" @127.0.0.1 "${q% *}" "${q#* }" 2>&1 | grep '^;'
        done
        rm -f "$f"
        """;

    public static async Task<IReadOnlyList<ValidatorVerdict>> ValidateAsync(Func<IReadOnlyList<string>, CancellationToken, Task<CommandResult>> inside, string zone, IReadOnlyList<string> anchors, string anchorName, IReadOnlyList<string> recordSets, CancellationToken cancellationToken)
    {
        if (recordSets.Count == 0)
        {
            return [];
        }

        var run = await inside(["sh", "-c", Script, "delv", string.Join('\n', anchors), zone, .. recordSets], cancellationToken).ConfigureAwait(false);
        if (!run.Succeeded && run.Output.Length == 0)
        {
            throw new InfraTestsException($"delv could not run in the served container (exit code {run.ExitCode}): {run.Words}. The image needs bind9-dnsutils.");
        }

        return Read(run.Output, anchorName);
    }

    internal static IReadOnlyList<ValidatorVerdict> Read(string output, string anchorName)
    {
        var verdicts = new List<ValidatorVerdict>();
        foreach (var block in output.Split("== ", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var comments = lines.Skip(1).ToList();
            var validated = comments.Contains("; fully validated");
            var reasons = comments.Where(l => l.StartsWith(";;", StringComparison.Ordinal)).Select(l => l.TrimStart(';', ' ')).ToList();
            var words = validated ? "fully validated"
                : reasons.Count > 0 ? string.Join("; ", reasons)
                : comments.Count > 0 ? $"not validated ({string.Join("; ", comments.Select(l => l.TrimStart(';', ' ')))})"
                : "delv said nothing";
            verdicts.Add(new ValidatorVerdict(lines[0], anchorName, validated, words));
        }

        return verdicts;
    }
}
