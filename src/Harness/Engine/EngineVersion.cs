namespace InfraTests.Harness.Engine;

/// <summary>What an engine's <c>/version</c> said: its own version, the newest API version it speaks, and what it is.</summary>
internal sealed record EngineVersion(string Version, Version ApiVersion, string Product);
