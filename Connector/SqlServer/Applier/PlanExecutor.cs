using System.Data;
using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Applier;

/// <summary>
/// Runs the calls of a <see cref="TransactionPlan"/> on the caller's connection and transaction: each call is
/// the generated procedure <c>[realmsync].[...]</c> with the Change Tracking context and its arguments as
/// parameters. Bad input discovered by SQL (a SET on a missing object, a list index out of range, a duplicate
/// key, a value that does not fit) is raised as <see cref="AdapterFormatException"/> at its instruction.
/// </summary>
public static class PlanExecutor
{
    public const string ContextParameter = "@context";

    /// <param name="toleratedMissing">
    /// Ordinals of SETs whose object SQL deleted since it was last sent to Realm (a conflict, already recorded):
    /// their missing object is not bad input.
    /// </param>
    public static async Task ExecuteAsync(
        SqlConnection connection, SqlTransaction transaction, TransactionPlan plan, IReadOnlySet<int> toleratedMissing, WatermarkCache watermarks,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(toleratedMissing);
        foreach (var call in plan.Calls)
        {
            var context = await CascadeContextAsync(connection, transaction, plan.Mapping, call, watermarks, cancellationToken);
            await using var command = Command(connection, transaction, call, context);
            try
            {
                if (call.Kind == CallKind.Update)
                {
                    await CheckMissingAsync(command, call, plan.Version, toleratedMissing, cancellationToken);
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            catch (SqlException e) when (BadInputErrors.Map(e.Number, e.Message, call, plan.Version) is { } bad)
            {
                throw new AdapterFormatException(bad.Problem, bad.JsonPath, plan.Version, inner: e);
            }
        }
    }

    /// <summary>
    /// The context a call runs under: the connector's, unless its cascades (or, for a LIST_*, the elements it shifts)
    /// would re-tag rows with a SQL change not yet sent to Realm (<see cref="CascadeCheck"/>); a table without a
    /// watermark will be sent whole anyway. <paramref name="watermarks"/> are read once per table for the whole
    /// transaction (only the poller moves them, and an older one can only mean a resend too many).
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> CascadeContextAsync(
        SqlConnection connection, SqlTransaction transaction, SchemaMapping mapping, PlannedCall call,
        WatermarkCache watermarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(watermarks);
        foreach (var (table, sql) in CascadeCheck.Queries(mapping, call))
        {
            if (await watermarks.ReadAsync(table.Schema, table.Name, cancellationToken) is not { } watermark)
            {
                continue;
            }

            await using var check = CheckCommand(connection, transaction, sql, watermark, call);
            if (await check.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return ChangeTrackingContext.Resend;
            }
        }

        return ChangeTrackingContext.Value;
    }

    /// <summary>
    /// A <see cref="CascadeCheck"/> query as sent: the watermark, the connector's context, and every argument of the
    /// call (a query uses those it names; sp_executesql accepts declared parameters a statement does not use).
    /// </summary>
    public static SqlCommand CheckCommand(SqlConnection? connection, SqlTransaction? transaction, string sql, long watermark, PlannedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var check = new SqlCommand(sql, connection, transaction);
        check.Parameters.Add(new SqlParameter(CascadeCheck.WatermarkParameter, SqlDbType.BigInt) { Value = watermark });
        check.Parameters.Add(SqlParameters.Context(ContextParameter, ChangeTrackingContext.Value));
        foreach (var argument in call.Arguments)
        {
            check.Parameters.Add(Parameter(call, argument));
        }

        return check;
    }

    /// <summary>The command for one call, as sent: also what Debug logging and tests look at.</summary>
    public static SqlCommand Command(SqlConnection? connection, SqlTransaction? transaction, PlannedCall call, ReadOnlyMemory<byte>? context = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var command = new SqlCommand(ApplierObjects.Quote(call.Procedure), connection, transaction)
        {
            CommandType = CommandType.StoredProcedure,
        };
        command.Parameters.Add(SqlParameters.Context(ContextParameter, context ?? ChangeTrackingContext.Value));
        foreach (var argument in call.Arguments)
        {
            command.Parameters.Add(Parameter(call, argument));
        }

        return command;
    }

    private static SqlParameter Parameter(PlannedCall call, CallArgument argument) => argument switch
    {
        ScalarArgument scalar => SqlParameters.Scalar(scalar.Name, scalar.Type, scalar.Value),
        TableArgument table => TableValuedParameters.Create(table),
        _ => throw new InvalidOperationException($"argument {argument.Name} of {call.Procedure} has an unknown kind"),
    };

    /// <summary>The ordinals an update call returns are rows whose object does not exist.</summary>
    private static async Task CheckMissingAsync(
        SqlCommand command, PlannedCall call, long version, IReadOnlySet<int> toleratedMissing, CancellationToken cancellationToken)
    {
        var missing = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add(reader.GetInt32(0));
            }
        }

        var first = missing.Where(o => !toleratedMissing.Contains(o)).Order().FirstOrDefault(-1);
        if (first >= 0)
        {
            throw new AdapterFormatException(
                $"SET on an object of class '{call.ClassName}' that does not exist",
                string.Create(CultureInfo.InvariantCulture, $"$.instructions[{first}]"),
                version);
        }
    }
}
