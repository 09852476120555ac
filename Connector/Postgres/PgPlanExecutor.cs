using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// Runs the calls of a <see cref="TransactionPlan"/> on PostgreSQL, in the caller's transaction: each call is one
/// round trip of set-based statements (<see cref="PgCallWriter"/>), except a delete of objects that own embedded
/// objects, which first reads their keys level by level. Bad input found by the database (a SET on a missing object,
/// a list index out of range, a duplicate key, a value that does not fit) is raised as <see cref="AdapterFormatException"/>
/// at its instruction, with SQL Server's words.
/// </summary>
public static class PgPlanExecutor
{
    /// <summary>
    /// The statements of one call as they are sent, the data of a delete's embedded objects aside, and a CLEAR's keys
    /// selected in place of the array the applier reads first: what <c>plan</c> prints.
    /// </summary>
    public static IReadOnlyList<PgStatement> Statements(MappingContext context, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        return call.Kind switch
        {
            CallKind.Upsert or CallKind.Update => [PgCallWriter.Rows(context, call)],
            CallKind.Replace => [.. PgCallWriter.Replace(context, call)],
            CallKind.Rekey => [.. PgCallWriter.Rekey(context, call)],
            CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear => PgCallWriter.List(context, call),
            CallKind.Delete => [.. PgCallWriter.Delete(context, context.FindClass(call.ClassName)!, Keys(call))],
            // The applier reads the keys first and sends them as an array; as statements, they are selected in place.
            CallKind.Clear => [.. PgCallWriter.DeleteAll(context, context.FindClass(call.ClassName)!)],
            _ => throw new InvalidOperationException($"call kind {call.Kind} has no PostgreSQL statements"),
        };
    }

    private const string MissingObject = "that does not exist";
    private const string MissingOwner = "the object that owns the list does not exist";

    /// <summary>
    /// Whether <paramref name="error"/> is a SET on a missing object or a LIST_* on a missing owner: the bad input an SQL
    /// delete not yet captured can cause too (a partitioned mapping's Realm then applies again with a conflict probe).
    /// </summary>
    public static bool MissingTarget(AdapterFormatException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (error.Problem.StartsWith("SET on an object of class '", StringComparison.Ordinal) && error.Problem.EndsWith(MissingObject, StringComparison.Ordinal)) ||
            error.Problem.StartsWith(MissingOwner, StringComparison.Ordinal);
    }

    public static Task ExecuteAsync(NpgsqlConnection connection, TransactionPlan plan, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, plan, new HashSet<int>(), cancellationToken);

    /// <param name="toleratedMissing">Instructions whose SET on a missing object is a conflict (SQL deleted it), not bad input.</param>
    public static async Task ExecuteAsync(NpgsqlConnection connection, TransactionPlan plan, IReadOnlySet<int> toleratedMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(toleratedMissing);
        var context = MappingContext.For(plan.Mapping);
        foreach (var call in plan.Calls)
        {
            try
            {
                await ExecuteAsync(connection, context, call, plan.Version, toleratedMissing, cancellationToken);
            }
            catch (PostgresException e) when (PgErrors.BadInput(e, call, plan.Version) is { } bad)
            {
                throw bad;
            }
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, MappingContext context, PlannedCall call, long version, IReadOnlySet<int> toleratedMissing, CancellationToken cancellationToken)
    {
        switch (call.Kind)
        {
            case CallKind.Update:
                var missing = (await ReadAsync(connection, PgCallWriter.Rows(context, call), r => r.GetInt32(0), cancellationToken)).Where(o => !toleratedMissing.Contains(o)).ToList();
                if (missing.Count > 0)
                {
                    throw new AdapterFormatException(
                        $"SET on an object of class '{call.ClassName}' {MissingObject}", At(missing.Min()), version);
                }

                break;
            case CallKind.Delete or CallKind.Clear:
                var mapped = context.FindClass(call.ClassName)!;
                IReadOnlyCollection<object> keys = call.Kind == CallKind.Delete
                    ? Keys(call)
                    : await ReadAsync(connection, PgCallWriter.AllKeys(context, mapped), r => r.GetValue(0), cancellationToken);
                await DeleteAsync(connection, context, mapped, keys, cancellationToken);
                break;
            case CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear:
                await ListAsync(connection, context, call, version, cancellationToken);
                break;
            default:
                await SendAsync(connection, Statements(context, call), cancellationToken);
                break;
        }
    }

    /// <summary>The objects and, gathered first while their owners' rows still hold them, every embedded object they own at any depth.</summary>
    private static async Task DeleteAsync(NpgsqlConnection connection, MappingContext context, ClassMapping mapped, IReadOnlyCollection<object> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var descendants = EmbeddedDescendants.Of(context.Mapping, mapped);
        var found = descendants.Classes.Select(_ => new HashSet<object>(context.Keys)).ToList();
        for (var changed = descendants.Classes.Length > 0; changed;)
        {
            // Owners come before what they own, so one pass finds everything unless embedded classes form a cycle.
            changed = false;
            foreach (var link in descendants.Links)
            {
                var owners = link.OwnerIndex is { } o ? found[o] : (IReadOnlyCollection<object>)keys;
                if (owners.Count == 0)
                {
                    continue;
                }

                foreach (var key in await ReadAsync(connection, PgCallWriter.EmbeddedKeys(context, link, [.. owners]), r => r.GetValue(0), cancellationToken))
                {
                    changed |= found[link.Target].Add(key);
                }
            }

            changed &= descendants.Cyclic;
        }

        var statements = PgCallWriter.Delete(context, mapped, keys).ToList();
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i].Count > 0)
            {
                statements.AddRange(PgCallWriter.Delete(context, descendants.Classes[i], [.. found[i]]));
            }
        }

        await SendAsync(connection, statements, cancellationToken);
    }

    /// <summary>A LIST_* call: the check and the edit in one round trip; a failed check refuses the transaction (the caller rolls back).</summary>
    private static async Task ListAsync(NpgsqlConnection connection, MappingContext context, PlannedCall call, long version, CancellationToken cancellationToken)
    {
        var statements = PgCallWriter.List(context, call);
        await using var batch = Batch(connection, statements);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (exists, count) = (reader.GetBoolean(0), reader.GetInt32(1));
        while (await reader.NextResultAsync(cancellationToken))
        {
            // The edits: read to the end so that an error in them surfaces here.
        }

        var index = call.Arguments.Length > 1 ? (int)((ScalarArgument)call.Arguments[1]).Value! : 0;
        var max = call.Kind == CallKind.ListInsert ? count : count - 1;
        if (!exists)
        {
            throw new AdapterFormatException(
                $"{MissingOwner} (class '{call.ClassName}')", At(call.FirstInstruction) + ".identity", version);
        }

        if (call.Kind != CallKind.ListClear && (index < 0 || index > max))
        {
            throw new AdapterFormatException(
                string.Create(CultureInfo.InvariantCulture, $"list index {index} is out of range: the list has {count} element(s)"),
                At(call.FirstInstruction) + ".list_index", version);
        }
    }

    private static async Task SendAsync(NpgsqlConnection connection, IReadOnlyList<PgStatement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
        {
            return;
        }

        await using var batch = Batch(connection, statements);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, PgStatement statement, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var batch = Batch(connection, [statement]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(read(reader));
        }

        return values;
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, IEnumerable<PgStatement> statements)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement.ToBatchCommand());
        }

        return batch;
    }

    private static object[] Keys(PlannedCall call) => [.. ((TableArgument)call.Arguments[0]).Rows.Select(r => r[0]!)];

    private static string At(int instruction) => string.Create(CultureInfo.InvariantCulture, $"$.instructions[{instruction}]");
}
