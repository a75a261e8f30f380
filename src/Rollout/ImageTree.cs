using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// The files an image bakes under its SERVICE_ROOT, read through the engine without running anything: a container is
/// created from the image and never started, its SERVICE_ROOT read with the archive API, and the container removed on
/// every path (cancelled too). Each created container carries our <see cref="ResourceLabels"/> and a label of its own, so
/// one left by a killed process is provably ours (the harness's leftover sweep removes it once that process is gone). One read per image id (and root) for the life of this reader.
/// </summary>
internal sealed class ImageTree
{
    /// <summary>On a container made only to read an image's files: a random id of that one read.</summary>
    public const string ReadLabel = "infratests.image-tree";

    private readonly ConcurrentDictionary<(string ImageId, string ServiceRoot), Lazy<Task<ServiceTree>>> read = new();

    /// <summary>
    /// The tree <paramref name="image"/> (an id or a reference the engine has) bakes at <paramref name="serviceRoot"/>, as a
    /// rollout would carry it. Read once per image id: targets that share an image share the answer.
    /// </summary>
    public async Task<ServiceTree> ReadAsync(DockerEngine engine, string image, string serviceRoot, CancellationToken cancellationToken)
    {
        var id = (await engine.Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false)).ID;
        var once = read.GetOrAdd((id, serviceRoot), key => new Lazy<Task<ServiceTree>>(() => ReadOnceAsync(engine, key.ImageId, key.ServiceRoot, cancellationToken)));
        try
        {
            return await once.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled read is not remembered: the next caller reads again.
            read.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ServiceTree>>>((id, serviceRoot), once));
            throw;
        }
    }

    private static async Task<ServiceTree> ReadOnceAsync(DockerEngine engine, string imageId, string serviceRoot, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(ResourceLabels.For("image-tree")) { [ReadLabel] = Guid.NewGuid().ToString("N") };
        cancellationToken.ThrowIfCancellationRequested();

        // The create is never abandoned half-way: an engine that was asked goes on and makes the container even when we stop
        // listening, so we wait for its id (bound: one engine call) and only then heed the cancellation, with the id in hand.
        using var creating = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var created = (await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = imageId,
            Labels = labels,
            NetworkDisabled = true,

            // Never started: a command is given only so that an image without CMD or ENTRYPOINT can be created too.
            Cmd = ["true"],
        }, creating.Token).ConfigureAwait(false)).ID;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var archive = await engine.Client.Containers.GetArchiveFromContainerAsync(created, new ContainerPathStatParameters { Path = serviceRoot }, statOnly: false, cancellationToken).ConfigureAwait(false);
            await using var stream = archive.Stream ?? Stream.Null;
            using var tar = new MemoryStream();
            await stream.CopyToAsync(tar, cancellationToken).ConfigureAwait(false);
            return ServiceTree.FromTar(tar.ToArray(), serviceRoot);
        }
        catch (DockerContainerNotFoundException)
        {
            // The engine answers 404 for a path the image does not have.
            throw new InfraTestsException($"image {Words.ShortDigest(imageId)} has no {serviceRoot}: its SERVICE_ROOT is not baked in, so there is nothing to compare a revision with.");
        }
        finally
        {
            await RemoveAsync(engine, created).ConfigureAwait(false);
        }
    }

    // Removes the container whatever happened, cancelled too: never cancelled itself, but bounded.
    private static async Task RemoveAsync(DockerEngine engine, string created)
    {
        // bound: removing a never-started container is one engine call; a minute covers a busy engine.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(created, new ContainerRemoveParameters { Force = true }, bound.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
    }
}
