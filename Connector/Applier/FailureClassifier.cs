using Connector.Adapter;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Sql;

namespace Connector.Applier;

/// <summary>
/// Sorts a failure to apply a transaction. SQL errors that mean bad input have already been turned into
/// <see cref="AdapterFormatException"/> by <see cref="PlanExecutor"/> (<see cref="BadInputErrors"/>).
/// </summary>
public static class FailureClassifier
{
    public static FailureKind Classify(Exception exception) => exception switch
    {
        AdapterFormatException => FailureKind.BadInput,
        OperationCanceledException => FailureKind.Fatal,
        _ when TransientErrors.IsTransient(exception) || Postgres.PgErrors.IsTransient(exception) => FailureKind.Transient,
        _ => FailureKind.Fatal,
    };

    /// <summary>Whether a transaction of <paramref name="version"/> is already applied under <paramref name="cursor"/>.</summary>
    public static bool IsAlreadyApplied(long version, long cursor) => version <= cursor;
}
