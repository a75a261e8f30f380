using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Monitoring;

/// <summary>
/// Assertions on what a service's <c>MONITOR_METHOD</c> reported, reached by <c>monitor.Should()</c>; failures quote the
/// plugin's line (<see cref="MonitorVerdicts"/>).
/// </summary>
public class MonitorResultAssertions : ReferenceTypeAssertions<MonitorResult, MonitorResultAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public MonitorResultAssertions(MonitorResult subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "monitor";

    /// <summary>Asserts the method reported OK (exit 0): the daemon answers right.</summary>
    public AndConstraint<MonitorResultAssertions> BeOk(string because = "", params object[] becauseArgs) =>
        HaveStatus(MonitorStatus.Ok, because, becauseArgs);

    /// <summary>Asserts the method reported CRITICAL (exit 2, or a method that hung): the daemon does not answer, or answers wrong.</summary>
    public AndConstraint<MonitorResultAssertions> BeCritical(string because = "", params object[] becauseArgs) =>
        HaveStatus(MonitorStatus.Critical, because, becauseArgs);

    /// <summary>Asserts the method reported <paramref name="expected"/>.</summary>
    public AndConstraint<MonitorResultAssertions> HaveStatus(MonitorStatus expected, string because = "", params object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, MonitorVerdicts.Reported(Subject, expected), because, becauseArgs);
        return new AndConstraint<MonitorResultAssertions>(this);
    }
}
