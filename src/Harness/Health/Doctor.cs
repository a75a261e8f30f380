using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Health;

/// <summary>
/// What a user runs first when something is off (<c>infratests doctor</c>): looks at everything a run needs, in the order a
/// run needs it, and says what it found, one <see cref="Finding"/> each: the engine and the API version spoken, whether
/// the engine resolves tags or the registry's API is used, the registry and the credentials for it, the tag's digest,
/// the image in the engine, its contract, its DNS port published on 127.0.0.1 and answering, and the reuse folder.
/// Never throws for a broken machine: that is what the findings say. Findings that need a blocked one are left out.
/// </summary>
public static class Doctor
{
    /// <summary>
    /// Examines the machine for <paramref name="root"/>'s service under <paramref name="tagRole"/> (a role of its description,
    /// or a literal tag), with the Docker credentials in <paramref name="dockerConfig"/> (null: the user's ordinary ones).
    /// Starts the image once with its baked data, briefly, to prove its port is published and answers.
    /// </summary>
    public static async Task<Diagnosis> ExamineAsync(ServiceRoot root, string tagRole = "production", string? dockerConfig = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var tag = root.Description.TagFor(tagRole);
        var findings = new List<Finding>();

        progress?.Report("examining the engine");
        var (engine, engineResolvesTags) = await EngineFindings.ExamineAsync(findings, cancellationToken).ConfigureAwait(false);

        progress?.Report($"examining the registry of {tag.Reference}");
        var access = await RegistryFindings.ExamineAsync(findings, tag, DockerCredentials.Ordinary(dockerConfig), engine is not null && engineResolvesTags, cancellationToken).ConfigureAwait(false);

        if (engine is not null && access is not null)
        {
            progress?.Report($"resolving {tag.Reference}");
            var contract = await ImageFindings.ExamineAsync(findings, engine, tag, access, progress, cancellationToken).ConfigureAwait(false);
            if (contract is not null)
            {
                progress?.Report($"starting the image with its baked data to publish {(contract.AnswersDns ? "its DNS port" : $"its SERVICE_PORTS ({string.Join(' ', contract.ServicePorts)})")}");
                var builder = ServiceBuilder.For(root).WithTag(tagRole).WithBakedData();
                builder = progress is null ? builder : builder.WithProgress(progress);
                await PortFindings.ExamineAsync(findings, dockerConfig is null ? builder : builder.WithDockerConfig(dockerConfig), contract, cancellationToken).ConfigureAwait(false);
            }
        }

        if (ReuseFolderFinding.Examine(engine?.Info.Endpoint) is { } reuse)
        {
            findings.Add(reuse);
        }

        return new Diagnosis(tag.Reference, findings);
    }
}
