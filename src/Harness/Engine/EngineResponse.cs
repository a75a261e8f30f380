using System.Net;

namespace InfraTests.Harness.Engine;

/// <summary>What the engine answered to a plain HTTP call (<see cref="EngineHttp"/>): its status and body.</summary>
internal sealed record EngineResponse(HttpStatusCode Status, string Body);
