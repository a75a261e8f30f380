using System.Net;

namespace InfraTests.Harness.Images;

/// <summary>What a registry's <c>GET /v2/</c> answered: how it was reached, and what it made of the user's credentials.</summary>
/// <param name="Scheme"><c>https</c>, or <c>http</c> for a registry Docker lets speak plain HTTP.</param>
/// <param name="Status">The last status of <c>/v2/</c>: 200 once in, 401 when refused.</param>
/// <param name="AsksForCredentials">True when an anonymous request was refused with a challenge.</param>
/// <param name="Accepted">True when the registry let us in (anonymously when it asks for nothing, else with the credentials).</param>
/// <param name="Said">The registry's words for a refusal, secrets redacted; null when it let us in.</param>
internal sealed record RegistryGreeting(string Scheme, HttpStatusCode Status, bool AsksForCredentials, bool Accepted, string? Said);
