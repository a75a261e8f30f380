using FluentAssertions;
using InfraTests.Harness.Adoption;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Adoption;

/// <summary>What init says the image still lacks, with the Dockerfile line to add and where.</summary>
public sealed class ImageGapsTests
{
    private static readonly Dockerfile Sample = Dockerfile.Parse("FROM debian\nENV SERVICE_ROOT=/service \\\n    UPDATE_METHOD=/service/bin/update.sh \\\n    VALIDATE_METHOD=/service/bin/validate.sh\nEXPOSE 53/udp\n");

    [Fact]
    public void Image_without_a_test_mode_is_told_the_line_to_add_to_its_env_instruction()
    {
        var gaps = ImageGaps.Find(Contract(), Sample, hasChecksFile: false, "r/x:stable");

        gaps.Should().ContainSingle().Which.ToString().Should().Be(
            "no TEST_METHOD: the image has no one-shot test mode, so no test runs it: add `ENV TEST_METHOD=/service/bin/test.sh` (a one-shot test mode: checks everything it can offline) to the ENV instruction at Dockerfile:2, then rebuild and push the image");
    }

    [Fact]
    public void What_the_Dockerfile_sets_and_the_image_was_built_without_is_a_rebuild_to_push()
    {
        var dockerfile = Dockerfile.Parse("FROM debian\nENV SERVICE_ROOT=/service\nENV TEST_METHOD=/service/bin/test.sh\n");

        var gaps = ImageGaps.Find(Contract(), dockerfile, hasChecksFile: false, "r/x:stable");

        gaps.Should().ContainSingle().Which.ToString().Should().Be(
            "the Dockerfile sets TEST_METHOD (Dockerfile:3) but r/x:stable was built without it: rebuild and push the image, then run `infratests init` again for the tests it brings");
    }

    [Fact]
    public void Blocklist_without_a_checks_file_and_checks_without_blocklist_zones_are_both_told()
    {
        ImageGaps.Find(Contract(("BLOCKLIST_ZONES", "bl.rbl"), ("TEST_METHOD", "/t")), Sample, hasChecksFile: false, "r/x:stable")
            .Should().ContainSingle().Which.Subject.Should().Be("infratests.checks.yaml");
        ImageGaps.Find(Contract(("TEST_METHOD", "/t")), Sample, hasChecksFile: true, "r/x:stable")
            .Should().ContainSingle().Which.Remedy.Should().StartWith("add `ENV BLOCKLIST_ZONES=\"senderhost.bl.rbl senderip.bl.rbl\"`");
    }

    private static ImageContract Contract(params (string Name, string Value)[] more) => ImageContract.Read(
        "r/x@sha256:1",
        new[] { "SERVICE_ROOT=/service", "UPDATE_METHOD=/u", "VALIDATE_METHOD=/v" }.Concat(more.Select(m => $"{m.Name}={m.Value}")),
        ["53/udp"]);
}
