using System.Globalization;
using System.Text;
using Connector.Applier;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// <c>plan --provider postgres</c>: one transaction as the PostgreSQL applier sends it (<see cref="PgTransactionApplier"/>),
/// the statements of <see cref="PgPlanExecutor.Statements"/> with their parameters written as literals.
/// </summary>
public static class PgPlanScript
{
    public static string Header(SchemaMapping mapping, int planned)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return string.Create(CultureInfo.InvariantCulture, $"""
            -- RealmSqlServer plan: the PostgreSQL statements the applier would send for {planned} transaction(s) of Realm path '{Line(mapping.RealmPath)}'
            -- against the schema given, in schema "{Line(mapping.SqlSchema)}", parameters written as literals. Generated offline: nothing was run.
            -- The applier also reads what some statements return: a SET's missing objects and a LIST_* call's check are bad input
            -- (the transaction is rolled back and dead-lettered), and a DELETE or CLEAR first reads the keys of the embedded objects
            -- (and, for CLEAR, of the objects) it deletes, then deletes those with the same statements. Conflicts: realm-wins.


            """);
    }

    public static string Write(TransactionPlan plan, SchemaMapping previous)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(previous);
        var sql = new StringBuilder();
        var path = PgLiteral.String(plan.RealmPath);
        var realmId = $"(SELECT r.\"RealmId\" FROM realmsync.\"MappedRealm\" AS r WHERE r.\"RealmPath\" = {path})";
        sql.Append(CultureInfo.InvariantCulture, $"-- version {plan.Version}: {plan.Calls.Length} call(s)").Append(plan.SchemaChanged ? ", after a schema growth" : string.Empty).Append('\n')
            .Append("BEGIN;\n")
            .Append("SELECT c.\"Version\" FROM realmsync.\"InboundCursor\" AS c WHERE c.\"RealmId\" = ").Append(realmId).Append(" FOR UPDATE;\n");
        if (plan.SchemaChanged)
        {
            var growth = PgTableWriter.Growth(previous, plan.Mapping);
            foreach (var statement in growth)
            {
                sql.Append(statement).Append('\n');
            }

            PgDeployScript.AppendRows(sql, CatalogRows.Growth(previous, plan.Mapping), realmId);
            sql.Append("INSERT INTO realmsync.\"SchemaDeployment\" (\"RealmId\", \"Reason\", \"Script\", \"Mapping\") VALUES (").Append(realmId).Append(", ")
                .Append(PgLiteral.String(InboundRecords.Reason(plan.Version))).Append(", ").Append(PgLiteral.String(string.Join("\n\n", growth))).Append(", ")
                .Append(PgLiteral.String(SchemaMappingJson.Write(plan.Mapping))).Append(");\n");
        }

        var context = MappingContext.For(plan.Mapping);
        for (var i = 0; i < plan.Calls.Length; i++)
        {
            var call = plan.Calls[i];
            sql.Append(CultureInfo.InvariantCulture, $"-- call {i + 1}: {call.Kind} {Line(call.ClassName)}, instruction(s) {call.FirstInstruction}..{call.LastInstruction}\n");
            if (call.Kind == CallKind.Clear)
            {
                sql.Append("-- the applier reads every key of the class first and sends them as an array where this script selects them\n");
            }

            foreach (var statement in PgPlanExecutor.Statements(context, call))
            {
                sql.Append(statement.WithLiterals()).Append('\n');
            }

            if (call.Kind is CallKind.Delete or CallKind.Clear && EmbeddedDescendants.Of(plan.Mapping, context.FindClass(call.ClassName)!).Classes.Length > 0)
            {
                sql.Append("-- the embedded objects these own, at any depth, are read first and deleted with the same statements (not shown)\n");
            }
        }

        foreach (var refused in plan.Refused)
        {
            sql.Append("-- LEFT OUT, recorded in realmsync.\"DeadLetter\": ").Append(Line(refused.Error)).Append('\n');
        }

        sql.Append(CultureInfo.InvariantCulture, $"UPDATE realmsync.\"InboundCursor\" SET \"Version\" = {plan.Version} WHERE \"RealmId\" = {realmId};\n")
            .Append("COMMIT;\n");
        return sql.ToString();
    }

    private static string Line(string text) => text.ReplaceLineEndings(" ");
}
