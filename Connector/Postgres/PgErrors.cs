using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.SqlServer.Applier;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// PostgreSQL's errors sorted as the applier needs them (Appendix A, "PostgreSQL Error Codes"): those that mean the
/// input was bad become <see cref="AdapterFormatException"/> at the call's instruction, with the words SQL Server's
/// errors get (<see cref="BadInputErrors"/>); those worth retrying the whole transaction are transient.
/// </summary>
public static class PgErrors
{
    public const string UniqueViolation = "23505";
    public const string NotNullViolation = "23502";
    public const string StringTooLong = "22001";
    public const string NumericOutOfRange = "22003";
    public const string DatetimeOverflow = "22008";
    public const string InvalidByteSequence = "22021";
    public const string UntranslatableCharacter = "22P05";

    public const string ProgramLimitExceeded = "54000";

    /// <summary>
    /// 40001 serialization failure, 40003 statement completion unknown, 40P01 deadlock, 55P03 lock not available (the
    /// growth's lock_timeout), 55006 object in use (a replication slot still held by a stream that is closing), 57014 statement timeout, 57P01-57P03 shutdown and cannot connect now, class 53
    /// insufficient resources, 58000 and 58030 system and I/O errors, class 08 connection exceptions; and Npgsql's own
    /// broken-connection errors. Not 55000 (object not in prerequisite state), which retrying does not change.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is "40001" or "40003" or "40P01" or "55P03" or "55006" or "57014" or "57P01" or "57P02" or "57P03" or "58000" or "58030" ||
            pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        PgCaptureRaceException => true,
        _ => false,
    };

    /// <summary>The bad input <paramref name="error"/> means for <paramref name="call"/>, or null if it is not one.</summary>
    public static AdapterFormatException? BadInput(PostgresException error, PlannedCall call, long version)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(call);
        var at = string.Create(CultureInfo.InvariantCulture, $"$.instructions[{call.FirstInstruction}]");
        return error.SqlState switch
        {
            UniqueViolation => new AdapterFormatException(
                $"the instruction would store a duplicate key in class '{call.ClassName}': {error.MessageText} {error.Detail}".TrimEnd(), at, version),
            StringTooLong or NumericOutOfRange or DatetimeOverflow or InvalidByteSequence or UntranslatableCharacter or NotNullViolation or ProgramLimitExceeded =>
                new AdapterFormatException($"a value of class '{call.ClassName}' does not fit its PostgreSQL column: {error.MessageText}", at, version),
            _ => null,
        };
    }
}
