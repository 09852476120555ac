using System.Globalization;
using System.Text;
using Connector.Applier;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The T-SQL of a planned transaction, values as literals, for <c>plan</c>: what the applier sends, in order.
/// The applier sends the same calls as RPCs with parameters; here each table-valued argument is a table
/// variable filled by INSERT ... VALUES and each call an EXEC with named arguments.
/// </summary>
public static class PlanScriptWriter
{
    private const int RowsPerInsert = 1000; // SQL Server's limit for one VALUES list.

    /// <summary>One transaction: schema deployment batches (if any), then the data batch, in one SQL transaction.</summary>
    public static string Write(TransactionPlan plan, SchemaDeployment? deployment, SchemaMapping previous)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"-- version {plan.Version}: {plan.Calls.Length} call(s)")
            .Append(deployment is null ? string.Empty : ", after a schema deployment").Append('\n');
        sql.Append("BEGIN TRANSACTION;\nGO\n");
        if (deployment is not null)
        {
            sql.Append("-- schema deployment planned by DacFx against the schema in force (").Append(deployment.Reason).Append(")\n");
            foreach (var batch in deployment.Batches)
            {
                sql.Append(batch).Append("\nGO\n");
            }
        }

        sql.Append(DataBatch(plan, deployment, previous)).Append("COMMIT TRANSACTION;\nGO\n");
        return sql.ToString();
    }

    /// <summary>The data part of a transaction as one batch: catalog rows of a schema change, the calls, the cursor.</summary>
    public static string DataBatch(TransactionPlan plan, SchemaDeployment? deployment, SchemaMapping previous)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sql = new StringBuilder();
        sql.Append("DECLARE @RealmId int = (SELECT r.[RealmId] FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = ")
            .Append(SqlLiteral.String(plan.RealmPath)).Append(");\n");
        sql.Append("DECLARE @context varbinary(128) = ").Append(SqlLiteral.Binary(ChangeTrackingContext.Value.Span)).Append(";\n");
        if (deployment is not null)
        {
            CatalogRecordWriter.AppendRows(sql, CatalogRows.Growth(previous, plan.Mapping), "@RealmId");
            CatalogRecordWriter.AppendInitialWatermarks(sql, previous, plan.Mapping, "@RealmId");
            sql.Append("INSERT INTO [realmsync].[SchemaDeployment] ([RealmId], [Reason], [Dacpac], [Script], [Mapping]) VALUES (@RealmId, ")
                .Append(SqlLiteral.String(deployment.Reason)).Append(", ").Append(SqlLiteral.Binary(deployment.Dacpac)).Append(", ")
                .Append(SqlLiteral.Utf16Text(deployment.DacFxScript)).Append(", ").Append(SqlLiteral.Utf16Text(SchemaMappingJson.Write(plan.Mapping))).Append(");\n");
        }

        foreach (var refused in plan.Refused)
        {
            // The applier records each in realmsync.DeadLetter in this same transaction, with the transaction's JSON.
            sql.Append("-- LEFT OUT, recorded in realmsync.DeadLetter: ").Append(CommentSafe(refused.Error)).Append('\n');
        }

        for (var i = 0; i < plan.Calls.Length; i++)
        {
            AppendCall(sql, plan.Calls[i], i + 1);
        }

        sql.Append(CultureInfo.InvariantCulture, $"UPDATE c SET c.[Version] = {plan.Version}, c.[UpdatedAt] = SYSUTCDATETIME() FROM [realmsync].[InboundCursor] AS c WHERE c.[RealmId] = @RealmId AND c.[Version] < {plan.Version};\n");
        // As the applier: a cursor already at or past this version means it was applied before; undo, change nothing.
        sql.Append(CultureInfo.InvariantCulture, $"IF @@ROWCOUNT = 0 THROW 50010, N'version {plan.Version} is at or below the cursor of this Realm path: already applied; nothing was changed', 1;\n");
        return sql.ToString();
    }

    private static void AppendCall(StringBuilder sql, PlannedCall call, int number)
    {
        var instructions = call.FirstInstruction == call.LastInstruction
            ? $"instruction {call.FirstInstruction}"
            : $"instructions {call.FirstInstruction}-{call.LastInstruction}";
        sql.Append(CultureInfo.InvariantCulture, $"-- {instructions}: {call.Kind} '{CommentSafe(call.ClassName)}'\n");
        var arguments = new List<string> { "@context = @context" };
        foreach (var argument in call.Arguments)
        {
            if (argument is TableArgument table)
            {
                var variable = string.Create(CultureInfo.InvariantCulture, $"@t{number}_{argument.Name.TrimStart('@')}");
                sql.Append("DECLARE ").Append(variable).Append(' ').Append(ApplierObjects.Quote(table.TypeName)).Append(";\n");
                AppendRows(sql, variable, table);
                arguments.Add(argument.Name + " = " + variable);
            }
            else if (argument is ScalarArgument scalar)
            {
                arguments.Add(argument.Name + " = " + SqlLiteral.Value(scalar.Value));
            }
        }

        sql.Append("EXEC ").Append(ApplierObjects.Quote(call.Procedure)).Append(' ').Append(string.Join(", ", arguments)).Append(";\n");
    }

    private static void AppendRows(StringBuilder sql, string variable, TableArgument table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => SqlIdentifier.Quote(c.Name)));
        foreach (var chunk in table.Rows.Chunk(RowsPerInsert))
        {
            sql.Append("INSERT INTO ").Append(variable).Append(" (").Append(columns).Append(") VALUES\n    ")
                .Append(string.Join(",\n    ", chunk.Select(row => "(" + string.Join(", ", row.Select(SqlLiteral.Value)) + ")")))
                .Append(";\n");
        }
    }

    // A class name is user input: it must not end the line comment it appears in.
    private static string CommentSafe(string text) => text.ReplaceLineEndings(" ");
}
