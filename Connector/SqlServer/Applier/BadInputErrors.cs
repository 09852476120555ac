using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.SqlServer.Schema;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The SQL errors that mean the input was bad, not the server: the generated procedures' own THROWs, duplicate
/// keys, and values that do not fit their column. Each becomes an <see cref="AdapterFormatException"/> at the
/// instruction that caused it, so that it is dead-lettered like any other bad input. A LIST_* on an object SQL
/// deleted never gets here: <see cref="ConflictDetector"/> finds it before the call, and it is a conflict; 50002 is
/// left for an object that never existed (or that Realm itself deleted).
/// </summary>
public static class BadInputErrors
{
    public const int DuplicateKey = 2627;
    public const int DuplicateIndexKey = 2601;
    public const int ArithmeticOverflow = 8115;
    public const int StringTruncated = 8152;
    public const int StringTruncatedWithDetail = 2628;

    /// <summary>The bad input error <paramref name="number"/> means for <paramref name="call"/>, or null if it is not one.</summary>
    public static AdapterFormatException? Map(int number, string message, PlannedCall call, long version)
    {
        ArgumentNullException.ThrowIfNull(call);
        var at = string.Create(CultureInfo.InvariantCulture, $"$.instructions[{call.FirstInstruction}]");
        return number switch
        {
            RoutineErrors.ListIndexOutOfRange => new AdapterFormatException(message, at + ".list_index", version),
            RoutineErrors.OwnerNotFound => new AdapterFormatException($"{message} (class '{call.ClassName}')", at + ".identity", version),
            DuplicateKey or DuplicateIndexKey => new AdapterFormatException(
                $"the instruction would store a duplicate key in class '{call.ClassName}': {message}", at, version),
            ArithmeticOverflow or StringTruncated or StringTruncatedWithDetail => new AdapterFormatException(
                $"a value of class '{call.ClassName}' does not fit its SQL column: {message}", at, version),
            _ => null,
        };
    }
}
