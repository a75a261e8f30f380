namespace InfraTests.Harness.Engine;

/// <summary>No Docker engine answered at the endpoint; the message says how to start one.</summary>
public sealed class EngineUnreachableException : InfraTestsException
{
    /// <summary>Creates the exception for an endpoint that did not answer.</summary>
    public EngineUnreachableException(Uri endpoint, Exception cause)
        : base($"No Docker engine answers at {endpoint} ({cause.Message}): start one with `sudo setup/prepare.sh`, or point DOCKER_HOST at a running engine.", cause)
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint that did not answer.</summary>
    public Uri Endpoint { get; }
}
