namespace InfraTests.Harness.Adoption;

/// <summary>
/// The C# of the test project init writes: one assembly fixture, and the first tests, each in its own file, each written
/// only when the image's contract or the repo offers what it tests. None holds a value read from the image, so editing the
/// image, the checks file or the data never makes a second run of init find them changed.
/// </summary>
internal static class TestFiles
{
    public static string Fixture(TestProject project) => $$"""
        using InfraTests.Harness.Services;

        [assembly: AssemblyFixture(typeof({{project.Namespace}}.{{project.Fixture}}))]

        namespace {{project.Namespace}};

        /// <summary>
        /// The image production runs (the production tag of infratests.yaml, resolved to its digest once per run) with this
        /// repo's working tree, edits not yet committed included, mounted read-only: one container for the whole test run.
        /// </summary>
        public sealed class {{project.Fixture}} : IAsyncLifetime
        {
            /// <summary>This service repo: the folder holding infratests.yaml, recorded at build time by the InfraTests.Harness package.</summary>
            public static ServiceRoot Root { get; } = ServiceRoot.FromTestAssembly();

            /// <summary>The running daemon: its DNS endpoint, the image it runs (digest, contract) and the image's own commands.</summary>
            public ServiceContainer Container { get; private set; } = null!;

            public async ValueTask InitializeAsync() =>
                Container = await ServiceBuilder.For(Root).Build().StartAsync(TestContext.Current.CancellationToken);

            // Nothing to dispose when the start failed: a second failure here would only repeat the first (and breaks the TRX).
            public ValueTask DisposeAsync() => Container?.DisposeAsync() ?? ValueTask.CompletedTask;
        }

        """;

    public static string Validation(TestProject project) => $$"""
        using {{project.AssertionsPackage}};

        namespace {{project.Namespace}};

        /// <summary>The image's own validation (its VALIDATE_METHOD: the daemon's parser) on this working tree, uncommitted edits included.</summary>
        public sealed class ValidationTests({{project.Fixture}} service)
        {
            [Fact]
            public async Task Working_tree_passes_the_images_own_validation() =>
                (await service.Container.RunValidationAsync(TestContext.Current.CancellationToken)).Should().Pass();
        }

        """;

    public static string TestMode(TestProject project) => $$"""
        using {{project.AssertionsPackage}};
        using InfraTests.Harness.Services;

        namespace {{project.Namespace}};

        /// <summary>The image's one-shot test mode (its TEST_METHOD) on this working tree, in a fresh container of production's image.</summary>
        public sealed class TestModeTests
        {
            [Fact]
            public async Task Working_tree_passes_the_images_test_mode() =>
                (await ServiceBuilder.For({{project.Fixture}}.Root).BuildTestMode().RunAsync(TestContext.Current.CancellationToken)).Should().Pass();
        }

        """;

    public static string Daemon(TestProject project, bool versionMethod) => $$"""
        {{(versionMethod ? string.Empty : "using DnsClient;\n")}}using {{project.LibraryPackage}};

        namespace {{project.Namespace}};

        /// <summary>The daemon answers on its published DNS port and says which version it is; the test output names the image's digest.</summary>
        public sealed class DaemonTests({{project.Fixture}} service)
        {
            [Fact]
        {{(versionMethod ? VersionFromMethod : VersionFromDns)}}
        }

        """;

    public static string WebDaemon(TestProject project, bool http) => $$"""
        {{(http ? string.Empty : "using System.Net.Sockets;\n")}}using {{(http ? project.AssertionsPackage : project.LibraryPackage)}};

        namespace {{project.Namespace}};

        /// <summary>The daemon answers its READY_CHECK through the port published on 127.0.0.1; the test output names the image's digest.</summary>
        public sealed class DaemonTests({{project.Fixture}} service)
        {
            [Fact]
        {{(http ? ReadyPageAnswers : ReadyPortHolds)}}
        }

        """;

    public static string Checks(TestProject project) => $$"""
        using {{project.LibraryPackage}};
        using InfraTests.Harness.Checks;

        namespace {{project.Namespace}};

        /// <summary>
        /// Every entry of infratests.checks.yaml asked of the running daemon, as `infratests watch` and a rollout's probe ask it:
        /// a `listed:` name must be blocked (in its zone, with its reason, when given) and not whitelisted; a `clean:` name
        /// must not be blocked; an `http:` path must answer as it says; a `tcp:` port must hold a connection. The file is read
        /// when the tests run, so an entry added to it is a test the next time.
        /// </summary>
        public sealed class ChecksFileTests({{project.Fixture}} service)
        {
            public static IEnumerable<TheoryDataRow<int>> Entries() =>
                ChecksFile.Load({{project.Fixture}}.Root.Path).Checks.Select((check, index) =>
                    new TheoryDataRow<int>(index) { TestDisplayName = $"{ChecksFile.FileName}:{check.Line}: {check}" });

            [Theory]
            [MemberData(nameof(Entries))]
            public async Task Entry_of_the_checks_file_holds(int index)
            {
                var file = ChecksFile.Load({{project.Fixture}}.Root.Path);
                var check = file.Checks[index];
                var verdict = (await ChecksFile.Of(file.Path, [check]).RunAsync(ServiceEndpoints.Of(service.Container), TestContext.Current.CancellationToken)).Single();

                verdict.Passed.Should().BeTrue("{0}:{1} expects {2}, and {3} answered: {4}", ChecksFile.FileName, check.Line, check, service.Container.Tested, verdict.Answered);
            }
        }

        """;

    public static string RenderedConfig(TestProject project) => $$"""
        using {{project.AssertionsPackage}};
        using InfraTests.Harness.Rendering;

        namespace {{project.Namespace}};

        /// <summary>The committed config is what buildsettings.yaml's templates render from the scope files: no drift to reach production unseen.</summary>
        public sealed class RenderedConfigTests
        {
            [Fact]
            public void Committed_config_is_what_the_templates_render() =>
                ConfigRenderer.Render({{project.Fixture}}.Root.Path).CompareWithDisk().Should().BeEmpty();
        }

        """;

    private const string VersionFromDns = """
            public async Task Daemon_answers_with_its_version()
            {
                var answer = await service.Container.Dns.QueryAsync("version.bind", QueryType.TXT, queryClass: QueryClass.CH, cancellationToken: TestContext.Current.CancellationToken);
                TestContext.Current.TestOutputHelper?.WriteLine(service.Container.Tested.ToString());

                answer.Texts.Should().ContainSingle().Which.Should().Be(service.Container.Tested.DaemonVersion);
            }
        """;

    private const string ReadyPageAnswers = """
            public async Task Daemon_answers_its_ready_check()
            {
                var ready = service.Container.Image.Contract.ReadyCheck!;
                var answer = await service.Container.Http.GetAsync(ready.Path, TestContext.Current.CancellationToken);
                TestContext.Current.TestOutputHelper?.WriteLine(service.Container.Tested.ToString());

                answer.Should().HaveStatus(200, "{0} is the image's READY_CHECK", ready);
            }
        """;

    private const string ReadyPortHolds = """
            public async Task Daemon_holds_a_connection_on_its_ready_port()
            {
                var ready = service.Container.Image.Contract.ReadyCheck!;
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", service.Container.PublishedPort(ready.Port), TestContext.Current.CancellationToken);
                TestContext.Current.TestOutputHelper?.WriteLine(service.Container.Tested.ToString());

                client.Connected.Should().BeTrue("{0} is the image's READY_CHECK", ready);
            }
        """;

    private const string VersionFromMethod = """
            public void Daemon_reports_its_version()
            {
                TestContext.Current.TestOutputHelper?.WriteLine(service.Container.Tested.ToString());

                service.Container.Tested.DaemonVersion.Should().NotBeNullOrWhiteSpace("the image's VERSION_METHOD prints it");
            }
        """;
}
