using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// Reads files out of an image without running it: a container is created (never started, so nothing in the image
/// runs and nothing touches the network), the engine's archive API copies each file out, and the container is removed.
/// </summary>
internal static class ImageFiles
{
    /// <summary>The text and mode of each of <paramref name="paths"/> (relative to the image's SERVICE_ROOT); text null where the image lacks the file.</summary>
    public static async Task<IReadOnlyDictionary<string, (string? Text, UnixFileMode? Mode)>> ReadAsync(DockerEngine engine, ProductionImage image, string service, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image.PinnedReference,
            Labels = ResourceLabels.For(service).ToDictionary(),
            NetworkDisabled = true,
        }, cancellationToken).ConfigureAwait(false);
        ExitCleanup.Track(created.ID, engine);
        try
        {
            var files = new Dictionary<string, (string?, UnixFileMode?)>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                files[path] = await ReadOneAsync(engine, created.ID, $"{image.Contract.ServiceRoot.TrimEnd('/')}/{path}", cancellationToken).ConfigureAwait(false);
            }

            return files;
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
            ExitCleanup.Forget(created.ID);
        }
    }

    private static async Task<(string?, UnixFileMode?)> ReadOneAsync(DockerEngine engine, string container, string path, CancellationToken cancellationToken)
    {
        Stream archive;
        try
        {
            var response = await engine.Client.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = path }, statOnly: false, cancellationToken).ConfigureAwait(false);
            archive = response.Stream ?? Stream.Null;
        }
        catch (DockerContainerNotFoundException)
        {
            // The engine answers 404 for a path the image does not have.
            return (null, null);
        }

        // The whole archive first: reading an entry straight off the engine's chunked stream ended early ("read past the
        // end of the stream") for a file over one 512-byte tar block. Rendered files are small.
        using var buffer = new MemoryStream();
        await using (archive.ConfigureAwait(false))
        {
            await archive.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        buffer.Position = 0;
        using var reader = new TarReader(buffer);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                // A byte order mark stays in the text, as it does for the working tree: a file that has one differs.
                using var text = new StreamReader(data, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
                return (await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false), entry.Mode & (UnixFileMode)0x1FF);
            }
        }

        return (null, null);
    }
}
