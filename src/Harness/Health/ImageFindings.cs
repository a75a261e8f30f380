using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Health;

/// <summary>
/// The doctor's look at the image, one step at a time as a run takes them: the tag's digest (through the engine or the
/// registry's API, as a run resolves it), the image by that digest in the engine (pulled if it is not), and its contract.
/// </summary>
internal static class ImageFindings
{
    /// <summary>Adds the <c>tag</c>, <c>image</c> and <c>contract</c> findings; the contract, or null when a blocker stopped it.</summary>
    public static async Task<ImageContract?> ExamineAsync(List<Finding> findings, DockerEngine engine, ImageTag tag, RegistryAccess access, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        string digest;
        DigestSource source;
        try
        {
            (digest, source) = await ProductionImage.ResolveDigestAsync(engine, tag, access, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageNotFoundException exception)
        {
            findings.Add(new Finding("tag", FindingMark.Blocker, exception.Message));
            return null;
        }

        var how = source == DigestSource.Engine ? "resolved by the engine" : "resolved through the registry's API";
        findings.Add(new Finding("tag", FindingMark.Ok, $"{tag.Reference} is {digest} ({how})"));

        var pinned = $"{tag.Repository}@{digest}";
        ImageInspectResponse image;
        string where;
        try
        {
            image = await engine.Client.Images.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false);
            where = "is in the engine";
        }
        catch (DockerImageNotFoundException)
        {
            try
            {
                image = await ProductionImage.InspectOrPullAsync(engine, tag, access, pinned, progress, cancellationToken).ConfigureAwait(false);
                where = "was not in the engine: pulled it";
            }
            catch (ImageNotFoundException exception)
            {
                findings.Add(new Finding("image", FindingMark.Blocker, exception.Message));
                return null;
            }
        }

        var built = image.Created is { } created ? $", built {created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : string.Empty;
        findings.Add(new Finding("image", FindingMark.Ok, $"{Words.ShortReference(pinned)} {where}{built}"));

        try
        {
            var contract = ImageContract.Read(pinned, image.Config?.Env, image.Config?.ExposedPorts?.Keys);
            findings.Add(new Finding("contract", FindingMark.Ok, Describe(contract)));
            return contract;
        }
        catch (ImageContractException exception) when (exception.Variable is not null)
        {
            findings.Add(new Finding("contract", FindingMark.Blocker, $"{Words.ShortReference(pinned)} sets {exception.Variable} to a value InfraTests cannot read", Words.FirstLine(exception.Message)));
            return null;
        }
        catch (ImageContractException exception)
        {
            var add = exception.Missing.Select(ContractLines.For);
            findings.Add(new Finding("contract", FindingMark.Blocker, $"{Words.ShortReference(pinned)} lacks {string.Join(", ", exception.Missing)}", $"add {string.Join(", ", add)} to its Dockerfile and rebuild (docs/contract.md)"));
            return null;
        }
    }

    private static string Describe(ImageContract contract)
    {
        string[] optional = ["TEST_METHOD", "READY_METHOD", "MONITOR_METHOD", "VERSION_METHOD", "BLOCKLIST_ZONES", "WHITELIST_ZONES", "SERVICE_PORTS", "READY_CHECK"];
        var also = optional.Where(name => contract.Environment.ContainsKey(name)).ToList();
        var ports = string.Join(", ", contract.Ports);
        return $"complete: SERVICE_ROOT={contract.ServiceRoot}, UPDATE_METHOD, VALIDATE_METHOD{(also.Count > 0 ? ", " + string.Join(", ", also) : string.Empty)}; EXPOSE {ports}";
    }
}
