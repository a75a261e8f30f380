using FluentAssertions;
using InfraTests.Assertions;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Assertions;

/// <summary>
/// The failure messages of <c>answer.Should()</c>, in both adapters: a sentence, then the query, server, image and daemon
/// log.
/// </summary>
public sealed class BlocklistAnswerAssertionsTests
{
    private static readonly FixedLog Log = new("rbldnsd: loaded zone senderhost.bl.rbl", "rbldnsd: 3 entries");

    [Fact]
    public void Unlisted_host_expected_listed_says_what_the_server_answered()
    {
        var answer = Answers.NxDomain(Log);

        var message = BothLibraries.Failure(() => answer.Should().BeListed(), () => Awesome.Should(answer).BeListed());

        message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl, but the server answered NXDOMAIN (")
            .And.Contain("asked sh8.mailingliststart.com.senderhost.bl.rbl A and TXT via 127.0.0.1:49153/udp")
            .And.Contain("image 127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…, rbldnsd 0.998.1).")
            .And.Contain("  | rbldnsd: loaded zone senderhost.bl.rbl" + Environment.NewLine + "  | rbldnsd: 3 entries");
    }

    [Fact]
    public void Because_text_is_part_of_the_sentence()
    {
        var answer = Answers.NxDomain(Log);

        var message = BothLibraries.Failure(
            () => answer.Should().BeListed("the corpus lists {0}", "it"),
            () => Awesome.Should(answer).BeListed("the corpus lists {0}", "it"));

        message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl because the corpus lists it, but the server answered NXDOMAIN");
    }

    [Fact]
    public void Wrong_reason_names_both_reasons()
    {
        var answer = Answers.Listed("spam from this host", Log);

        var message = BothLibraries.Failure(() => answer.Should().BeListed().WithReason("open relay"), () => Awesome.Should(answer).BeListed().WithReason("open relay"));

        message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl with TXT \"open relay\", but the server answered NOERROR with TXT \"spam from this host\" (")
            .And.Contain("asked sh8.mailingliststart.com.senderhost.bl.rbl TXT via");
    }

    [Fact]
    public void Braces_in_reasons_and_log_lines_are_quoted_verbatim()
    {
        var answer = Answers.Listed("rule {7} matched {0}", new FixedLog("config {\"zone\": \"bl\"}"));

        var message = BothLibraries.Failure(
            () => answer.Should().BeListed().WithReason("rule {8} matched }{"),
            () => Awesome.Should(answer).BeListed().WithReason("rule {8} matched }{"));

        message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl with TXT \"rule {8} matched }{\", but the server answered NOERROR with TXT \"rule {7} matched {0}\"")
            .And.Contain("  | config {\"zone\": \"bl\"}");
    }

    [Fact]
    public void Literal_reason_placeholder_in_quoted_text_is_kept()
    {
        var answer = Answers.Listed("spam", new FixedLog("template {reason}"));

        var message = BothLibraries.Failure(
            () => answer.Should().BeListed().WithReason("see {reason}", "it was reported"),
            () => Awesome.Should(answer).BeListed().WithReason("see {reason}", "it was reported"));

        // A zero-width joiner keeps a quoted {reason} from being read as the placeholder; it does not show.
        message.Replace("\u200D", string.Empty, StringComparison.Ordinal).Should()
            .Contain("with TXT \"see {reason}\" because it was reported").And.Contain("  | template {reason}");
    }

    [Fact]
    public void Listed_host_expected_unlisted_quotes_the_listing()
    {
        var answer = Answers.Listed("spam from this host", Log);

        var message = BothLibraries.Failure(() => answer.Should().NotBeListed(), () => Awesome.Should(answer).NotBeListed());

        message.Should().StartWith("Expected sh8.mailingliststart.com not to be listed in senderhost.bl.rbl, but it is listed (127.0.0.2, \"spam from this host\") (");
    }

    [Fact]
    public void Listed_host_with_another_address_names_the_address_asked_for()
    {
        var answer = Answers.Listed("spam from this host", Log);

        var message = BothLibraries.Failure(() => answer.Should().HaveAddress("127.0.0.4"), () => Awesome.Should(answer).HaveAddress("127.0.0.4"));

        message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl with A 127.0.0.4, but the server answered NOERROR with A 127.0.0.2 (");
    }

    [Fact]
    public void Listed_host_expected_nxdomain_says_what_the_server_answered()
    {
        var listed = Answers.Listed("spam from this host", Log);

        var message = BothLibraries.Failure(() => listed.Should().BeNxDomain(), () => Awesome.Should(listed).BeNxDomain());

        message.Should().StartWith("Expected sh8.mailingliststart.com to be NXDOMAIN in senderhost.bl.rbl, but the server answered NOERROR with A 127.0.0.2 (");
    }

    [Fact]
    public void Matching_listing_passes()
    {
        var answer = Answers.Listed("spam from this host", Log);
        var unlisted = Answers.NxDomain(Log);

        BothLibraries.Pass(
            () => answer.Should().BeListed().WithAddress("127.0.0.2").WithReason("spam from this host").WithReasonContaining("this host"),
            () => Awesome.Should(answer).BeListed().WithAddress("127.0.0.2").WithReason("spam from this host").WithReasonContaining("this host"));
        BothLibraries.Pass(() => unlisted.Should().NotBeListed().And.BeNxDomain(), () => Awesome.Should(unlisted).NotBeListed().And.BeNxDomain());
    }
}
