using Docker.DotNet;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Services;

/// <summary>
/// Starting a container kept between runs, under its slot's lock: reuse the running one of the same key if it answers,
/// otherwise replace it and create one, and keep whichever answered. Waiting for the answer is the service container's
/// own <c>AttachAsync</c>; the slot only finds, creates and removes.
/// </summary>
internal static class KeptStart
{
    public static async Task<ReuseAcquisition> AcquireAsync(ServiceContainer service, DockerEngine engine, ReuseRequest request, CancellationToken cancellationToken)
    {
        using var slot = await ReuseSlot.EnterAsync(engine, request, cancellationToken).ConfigureAwait(false);
        if (await slot.FindAsync(cancellationToken).ConfigureAwait(false) is { } found)
        {
            var why = await TryAttachAsync(service, found, cancellationToken).ConfigureAwait(false);
            if (why is null)
            {
                return slot.Keep(found);
            }

            if (found.Origin == ReuseOrigin.StartedByAnotherRun)
            {
                found.Lease.Release();
                throw new InfraTestsException($"{request.Name}, started by another run a moment ago, cannot be used: {why}.");
            }

            await slot.ReplaceAsync(found, why, cancellationToken).ConfigureAwait(false);
        }

        var created = await slot.CreateAsync(cancellationToken).ConfigureAwait(false);
        if (created.Origin == ReuseOrigin.Created)
        {
            try
            {
                await service.AttachAsync(created.Id, fresh: true, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await slot.DiscardAsync(created).ConfigureAwait(false);
                throw;
            }
        }
        else if (await TryAttachAsync(service, created, cancellationToken).ConfigureAwait(false) is { } why)
        {
            created.Lease.Release();
            throw new InfraTestsException($"{request.Name}, started by another run a moment ago, cannot be used: {why}.");
        }

        return slot.Keep(created);
    }

    // A container someone else started: waits for its answer, and says why not when it gives none.
    private static async Task<string?> TryAttachAsync(ServiceContainer service, ReuseCandidate candidate, CancellationToken cancellationToken)
    {
        try
        {
            await service.AttachAsync(candidate.Id, fresh: false, cancellationToken, candidate.Inspected).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is InfraTestsException or DockerApiException)
        {
            return $"it does not answer ({Words.FirstLine(exception.Message)})";
        }
    }
}
