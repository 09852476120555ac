using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// What a plan touches that SQL may have changed, on either database: per call, the table whose changes matter and the
/// keys there, as the plan holds them. INSERT, SET and DELETE: their objects in the class table; a replaced
/// collection: its owners in the collection's table; a LIST_*: its owner in the class table (a SQL delete of it is a
/// conflict, not bad input). Calls of classes the mapping does not know touch nothing.
/// </summary>
public static class ConflictKeys
{
    public sealed record Touch(int Call, CallKind Kind, ClassMapping Mapped, string Table, IReadOnlyList<object> Keys);

    public static IEnumerable<Touch> Of(MappingContext context, TransactionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        for (var i = 0; i < plan.Calls.Length; i++)
        {
            var call = plan.Calls[i];
            if (context.FindClass(call.ClassName) is not { } mapped)
            {
                continue;
            }

            switch (call.Kind)
            {
                case CallKind.Upsert or CallKind.Update or CallKind.Delete:
                    var keyAt = call.Kind == CallKind.Delete ? 0 : 1; // an upsert's or update's rows start with their ordinal
                    yield return new Touch(i, call.Kind, mapped, mapped.Table, [.. ((TableArgument)call.Arguments[0]).Rows.Select(r => r[keyAt]!)]);
                    break;
                case CallKind.Replace:
                    yield return new Touch(i, call.Kind, mapped, context.CollectionTable(call.Procedure).Name, [.. ((TableArgument)call.Arguments[0]).Rows.Select(r => r[0]!)]);
                    break;
                case CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear:
                    yield return new Touch(i, call.Kind, mapped, mapped.Table, [((ScalarArgument)call.Arguments[0]).Value!]);
                    break;
            }
        }
    }
}
