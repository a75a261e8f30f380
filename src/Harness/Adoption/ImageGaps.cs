using InfraTests.Harness.Checks;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// What production's image (and the repo beside it) still lacks for InfraTests to test everything it could, with the
/// Dockerfile line to add and where: no test mode, blocklist zones without names to check or the reverse, and what the
/// Dockerfile sets that the image production runs was not built with yet.
/// </summary>
internal static class ImageGaps
{
    private static readonly string[] ContractNames =
        ["SERVICE_ROOT", "UPDATE_METHOD", "VALIDATE_METHOD", "TEST_METHOD", "READY_METHOD", "MONITOR_METHOD", "VERSION_METHOD", "BLOCKLIST_ZONES", "WHITELIST_ZONES"];

    public static IReadOnlyList<ImageGap> Find(ImageContract contract, Dockerfile? dockerfile, bool hasChecksFile, string imageReference)
    {
        var gaps = new List<ImageGap>();
        var unbuilt = (dockerfile?.Environment ?? new Dictionary<string, (string, int)>())
            .Where(e => ContractNames.Contains(e.Key) && !contract.Environment.ContainsKey(e.Key))
            .OrderBy(e => e.Value.Line)
            .ToList();
        if (unbuilt.Count > 0)
        {
            var names = string.Join(", ", unbuilt.Select(e => $"{e.Key} ({Dockerfile.FileName}:{e.Value.Line})"));
            gaps.Add(new ImageGap(
                string.Join(' ', unbuilt.Select(e => e.Key)),
                $"the Dockerfile sets {names} but {imageReference} was built without it",
                "rebuild and push the image, then run `infratests init` again for the tests it brings"));
        }

        if (contract.TestMethod is null && unbuilt.All(e => e.Key != "TEST_METHOD"))
        {
            gaps.Add(new ImageGap("TEST_METHOD", "no TEST_METHOD: the image has no one-shot test mode, so no test runs it", $"add {ContractLines.For("ENV TEST_METHOD")} {Where(dockerfile)}"));
        }

        if (contract.BlocklistZones.Count > 0 && !hasChecksFile)
        {
            gaps.Add(new ImageGap(ChecksFile.FileName, $"no {ChecksFile.FileName}: the image is a blocklist, and no names say what it must block", $"list names under `listed:` (with `zone:` and `reason:`) and `clean:` in {ChecksFile.FileName} beside infratests.yaml (docs/cli.md): every entry is a test, read when the tests run, once init has written ChecksFileTests.cs (run it again)"));
        }

        if (contract.AnswersDns && contract.BlocklistZones.Count == 0 && hasChecksFile && unbuilt.All(e => e.Key != "BLOCKLIST_ZONES"))
        {
            gaps.Add(new ImageGap("BLOCKLIST_ZONES", $"no BLOCKLIST_ZONES: {ChecksFile.FileName} is here but the image names no zones to ask, so no test asks them", $"add {ContractLines.For("ENV BLOCKLIST_ZONES")} {Where(dockerfile)}"));
        }

        return gaps;
    }

    private static string Where(Dockerfile? dockerfile) => dockerfile?.LastEnvLine is { } line
        ? $"to the ENV instruction at {Dockerfile.FileName}:{line}, then rebuild and push the image"
        : "to the image's Dockerfile, then rebuild and push the image";
}
