using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Connector.Tests.SqlServer.Sql;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// Which failures a resend runs again from the start (its transaction rolled back whole): the transient ones, and the
/// duplicate key a concurrent pass of the running service causes by committing the same outbox version first.
/// </summary>
public class ResendRetryTests
{
    [TestCase(2627, true)] // duplicate key: a concurrent pass wrote the outbox version (or a new table's watermark) first
    [TestCase(TransientErrors.SnapshotUpdateConflict, true)] // a concurrent pass moved the watermarks first
    [TestCase(1205, true)]
    [TestCase(2601, false)] // a unique index: the outbox and the watermarks have none, so not a race with a pass
    [TestCase(547, false)]
    [TestCase(229, false)] // permission denied: retrying cannot help
    public void A_race_with_a_concurrent_pass_and_a_transient_error_are_retried_and_nothing_else(int number, bool retried) =>
        Assert.That(SqlServerResender.IsRetried(SqlErrors.Exception(number)), Is.EqualTo(retried));

    [Test]
    public void A_cancellation_is_not_retried() =>
        Assert.That(SqlServerResender.IsRetried(new OperationCanceledException()), Is.False);
}
