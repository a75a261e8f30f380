using System.Diagnostics;
using System.Net;
using System.Text;
using FluentAssertions;
using InfraTests.Cli.Output;
using InfraTests.Cli.Webhook;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests webhook</c>: bad settings exit 2 in one line before anything listens; a running receiver prints where
/// it listens first, answers a signed push and says what it would roll out, and stops on cancellation.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebhookCommandTests : IDisposable
{
    private const string Secret = "It's a Secret to Everybody";
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-webhook-command-");

    private string SecretFile => Path.Combine(scratch.FullName, "secret");

    private string Deliveries => Path.Combine(scratch.FullName, "state", "deliveries.log");

    public void Dispose() => scratch.Delete(recursive: true);

    [Fact]
    public async Task Without_a_secret_file_or_variable_webhook_exits_2_in_one_line()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(WebhookSecret.EnvironmentVariable) is not null, $"{WebhookSecret.EnvironmentVariable} is set in this environment");

        var run = await CliRun.InProcessAsync(["webhook", "--listen", "127.0.0.1:0", "--deliveries", Deliveries]);

        run.Should().FailWithOneLine().Which.Should().Be("infratests: no webhook secret: pass --secret-file PATH or set INFRATESTS_WEBHOOK_SECRET to the secret the forge signs deliveries with");
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public async Task Secret_file_other_users_can_read_or_change_is_refused_before_it_is_read(UnixFileMode shared)
    {
        await WriteSecretAsync();
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | shared);

        var run = await CliRun.InProcessAsync(["webhook", "--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: --secret-file {SecretFile} can be read or changed by other users (mode 0")
            .And.EndWith($"run `chmod 600 {SecretFile}`; the secret signs pushes that reach production").And.NotContain(Secret);
        File.Exists(Deliveries).Should().BeFalse("a refused start writes nothing");
    }

    private async Task WriteSecretAsync()
    {
        await File.WriteAllTextAsync(SecretFile, Secret + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("\n", "is empty: put the webhook's secret in it")]
    [InlineData("", "is empty: put the webhook's secret in it")]
    [InlineData("one\ntwo\n", "has more than one line")]
    public async Task Empty_or_many_line_secret_file_exits_2_in_one_line(string content, string expected)
    {
        await File.WriteAllTextAsync(SecretFile, content, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = await CliRun.InProcessAsync(["webhook", "--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: --secret-file {SecretFile} ").And.Contain(expected);
    }

    [Theory]
    [InlineData("--listen", "0.0.0.0:0", "infratests: --listen 0.0.0.0:0 is not a loopback address")]
    [InlineData("--listen", "127.0.0.1", "infratests: --listen 127.0.0.1: give an address and a port")]
    [InlineData("--max-body", "1XB", "infratests: --max-body 1XB: give a size from 1 byte to 25 MiB")]
    [InlineData("--max-body", "26MiB", "infratests: --max-body 26MiB: give a size from 1 byte to 25 MiB")]
    [InlineData("--branch", " ", "infratests: --branch: name the branch whose pushes roll out")]
    public async Task Bad_settings_exit_2_in_one_line_before_anything_listens(string option, string value, string expected)
    {
        await WriteSecretAsync();
        string[] settings = option == "--listen" ? [option, value] : ["--listen", "127.0.0.1:0", option, value];

        var run = await CliRun.InProcessAsync(["webhook", "--secret-file", SecretFile, "--deliveries", Deliveries, .. settings]);

        run.Should().FailWithOneLine().Which.Should().StartWith(expected);
        run.Stdout.Should().BeEmpty("nothing listened");
    }

    [Theory]
    [InlineData(null, "infratests: --repository: give the git repository pushed revisions are taken from")]
    [InlineData("/nonexistent/forge.git", "infratests: --repository /nonexistent/forge.git: no such folder")]
    public async Task Rollout_without_a_repository_exits_2_in_one_line_before_anything_listens(string? repository, string expected)
    {
        await WriteSecretAsync();
        string[] where = repository is null ? [] : ["--repository", repository];

        var run = await CliRun.InProcessAsync(["webhook", "--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries, "--label", "x", .. where]);

        run.Should().FailWithOneLine().Which.Should().StartWith(expected);
        run.Stdout.Should().BeEmpty("nothing listened");
    }

    [Fact]
    public async Task Receiver_prints_where_it_listens_first_and_says_what_it_would_roll_out_for_a_signed_push()
    {
        await WriteSecretAsync();
        var (output, error) = (new SynchronizedText(), new SynchronizedText());
        var console = new CliConsole(output, error, new StringReader(string.Empty), outputIsTerminal: false, errorIsTerminal: false, inputIsTerminal: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var receiving = CliApplication.RunAsync(["webhook", "--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries, "--branch", "release", "--branch", "main", "--dry-run"], console, stop.Token);
        await output.WaitForAsync("listening on ");
        var endpoint = new Uri(output.ToString().Split('\n')[0]["listening on ".Length..]);

        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","after":"6dcb09b5b57875f334f61aebed695e2e4193db5e","repository":{"full_name":"dns/rbldnsd","clone_url":"https://git.example.net/dns/rbldnsd.git"}}""");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", PushSignature.Sign(Encoding.UTF8.GetBytes(Secret), body));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await output.WaitForAsync("would roll out ");
        await stop.CancelAsync();
        var exitCode = await receiving;

        exitCode.Should().Be(0, "{0}{1}", output, error);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        endpoint.ToString().Should().MatchRegex(@"^http://127\.0\.0\.1:[1-9][0-9]*/hooks/push$");
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        lines.Should().Contain("would roll out 6dcb09b5b57875f334f61aebed695e2e4193db5e of dns/rbldnsd (main)")
            .And.Contain(l => l.EndsWith(" 202 accepted: roll out 6dcb09b5b57875f334f61aebed695e2e4193db5e of dns/rbldnsd (main), delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958", StringComparison.Ordinal));
        lines[^1].Should().Be("Stopped.");
        error.ToString().Should().Contain($"rolling out pushes to release, main, signed with the secret from {SecretFile}; delivery ids kept in {Deliveries}; bodies up to 1 MiB");
        (output.ToString() + error).Should().NotContain(Secret);
        File.ReadAllLines(Deliveries).Should().ContainSingle().Which.Should().MatchRegex("^sha256:[0-9a-f]{64} 72d3162e-cc78-11e3-81ab-4c9367dc0958$");
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
    }
}
