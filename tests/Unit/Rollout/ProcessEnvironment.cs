namespace InfraTests.Unit.Rollout;

/// <summary>
/// Tests that set a process-wide environment variable (and restore it): they run alone, never beside a test that reads it.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
