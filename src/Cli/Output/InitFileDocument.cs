namespace InfraTests.Cli.Output;

/// <summary>One file of <c>infratests init --json</c>: its path under the service root, <c>create</c>, <c>append</c> or <c>unchanged</c>, and what it is for.</summary>
internal sealed record InitFileDocument(string Path, string Action, string What);
