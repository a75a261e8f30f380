using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Support;

/// <summary>
/// Current, past and future: each sample is published as production (<c>stable</c>), <c>previous</c> and <c>next</c>,
/// each built from a different revision (setup/revisions/&lt;sample&gt;). The working tree must be served the same
/// under every tag, each tag's baked data must answer as its own revision, and the tags must really be different
/// revisions. Written once for every sample; each sample's derived class asks its own questions and knows the answers.
/// </summary>
/// <typeparam name="TSample">The sample's fixture, which says where the sample is; these tests start their own containers.</typeparam>
public abstract class TagContract<TSample>
    where TSample : ISample
{
    private static readonly string[] RoleNames = ["production", "previous", "next"];

    /// <summary>The tag roles every sample publishes (infratests.yaml), one theory case each.</summary>
    public static TheoryData<string> Roles => new(RoleNames);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Working_tree_is_served_the_same_under_every_tag(string role)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServiceBuilder.For(TSample.Root).WithTag(role).Build().StartAsync(ct);
        Report(role, service);

        await WorkingTreeIsServedAsync(service, ct);
        service.Tested.TagReference.Should().Be(TSample.Root.Description.ReferenceFor(role));
    }

    [Fact]
    public async Task Each_tag_serves_its_own_revision_of_the_baked_data()
    {
        var ct = TestContext.Current.CancellationToken;
        // All three at once: a start is mostly waiting for the daemon's first answer.
        var starts = RoleNames.Select(role => ServiceBuilder.For(TSample.Root).WithTag(role).WithBakedData().Build().StartAsync(ct)).ToArray();
        try
        {
            var services = RoleNames.Zip(await Task.WhenAll(starts)).ToDictionary(pair => pair.First, pair => pair.Second);
            foreach (var (role, service) in services)
            {
                Report(role, service);
            }

            foreach (var (role, service) in services)
            {
                await BakedRevisionIsServedAsync(role, service, ct);
            }

            services.Values.Select(s => s.Tested.Digest).Should().OnlyHaveUniqueItems("each tag is built from a different revision");
        }
        finally
        {
            // WhenAll waited for every start: dispose the ones that succeeded, even when another failed.
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Asks <paramref name="service"/>, started under any tag with the working tree mounted, the sample's questions and
    /// asserts the working tree's answers: the same under every tag.
    /// </summary>
    protected abstract Task WorkingTreeIsServedAsync(ServiceContainer service, CancellationToken cancellationToken);

    /// <summary>
    /// Asks <paramref name="service"/>, started under <paramref name="role"/>'s tag with the data baked into that image,
    /// the questions whose answers changed between revisions, and asserts that revision's answers; throws for a role it
    /// has no answers for.
    /// </summary>
    protected abstract Task BakedRevisionIsServedAsync(string role, ServiceContainer service, CancellationToken cancellationToken);

    private static void Report(string role, ServiceContainer service)
    {
        var line = $"{role}: {service.Tested.TagReference} = {service.Tested.Digest}, {service.Tested.DaemonVersion}, started in {service.StartDuration.TotalSeconds:0.00} s";
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
