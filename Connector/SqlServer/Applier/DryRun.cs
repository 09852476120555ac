using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The applier's dry run (<c>plan</c>): the transactions of one Realm path, in order, against a mapping, as the
/// T-SQL the applier would send, without a database. Mirrors the applier's rules: versions at or below the
/// cursor are skipped, a bad transaction is applied not at all (and, with <c>stop</c>, ends the run), a schema
/// change is planned by DacFx against the schema in force before it. An object with a null primary key is left out
/// as the applier leaves it out (<see cref="NullKeyRefusals"/>): a warning, not an error, and the rest is planned.
/// </summary>
public sealed class DryRun(SchemaMapping initial, bool stopOnBadTransaction)
{
    private readonly StringBuilder _sql = new();
    private SchemaMapping _mapping = initial;
    private byte[]? _dacpac;
    private long _cursor;

    public List<string> Errors { get; } = [];

    /// <summary>One per object with a null primary key left out (the applier's realmsync.DeadLetter rows).</summary>
    public List<string> Warnings { get; } = [];

    public int Planned { get; private set; }

    public bool Stopped { get; private set; }

    /// <summary>Plans one JSONL line (1-based <paramref name="lineNumber"/>); returns false once the run has stopped.</summary>
    public bool Add(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Stopped)
        {
            return false;
        }

        AdapterTransaction? transaction = null;
        try
        {
            transaction = AdapterCodec.Decode(line);
            Plan(transaction);
        }
        catch (AdapterFormatException e)
        {
            Reject(e.WithContext(transaction?.Version, lineNumber).Message);
        }

        return !Stopped;
    }

    public string Script()
    {
        if (_mapping.Provider == Configuration.DatabaseProvider.Postgres)
        {
            return Postgres.PgPlanScript.Header(_mapping, Planned) + _sql;
        }

        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"""
            -- RealmSqlServer plan: the T-SQL the applier would send for {Planned} transaction(s) of Realm path '{Line(_mapping.RealmPath)}'
            -- against the schema given, in SQL schema [{_mapping.SqlSchema}], values as literals. Generated offline: nothing was run.
            -- The applier also reads the result of each $update call (a SET on an object that does not exist is bad input,
            -- or a conflict), resolves conflicts with SQL changes not yet sent to Realm (objects, replaced collections, LIST_*
            -- on deleted objects) by the conflict policy, and runs a DELETE, CLEAR, CHANGE_IDENTITY or LIST_* under the context
            -- realm-sqlserver:resend when the rows it rewrites hold such a change (Applier/CascadeCheck.cs); this script does none of it.
            SET XACT_ABORT ON;
            GO

            """);
        return header.Append(_sql).ToString();
    }

    private void Plan(AdapterTransaction transaction)
    {
        if (transaction.RealmPath != _mapping.RealmPath)
        {
            throw new AdapterFormatException(
                $"the transaction is for Realm path '{transaction.RealmPath}', but the plan is for '{_mapping.RealmPath}'; plan one Realm path at a time (--realm-path)",
                "$.realm_path",
                transaction.Version);
        }

        if (transaction.Version <= _cursor)
        {
            _sql.Append(CultureInfo.InvariantCulture, $"-- version {transaction.Version}: skipped, at or below the cursor ({_cursor}): already applied\n\n");
            return;
        }

        var plan = TransactionPlanner.Plan(transaction, _mapping);
        if (_mapping.Provider == Configuration.DatabaseProvider.Postgres)
        {
            _sql.Append(Postgres.PgPlanScript.Write(plan, _mapping)).Append('\n');
            Finish(transaction, plan);
            return;
        }

        SchemaDeployment? deployment = null;
        if (plan.SchemaChanged)
        {
            _dacpac ??= SchemaDeployPlanner.Dacpac(_mapping);
            deployment = SchemaDeployPlanner.Plan(_dacpac, plan.Mapping, $"ADD_TYPE/ADD_PROPERTIES in version {transaction.Version}");
            _dacpac = deployment.Dacpac;
        }

        _sql.Append(PlanScriptWriter.Write(plan, deployment, _mapping)).Append('\n');
        Finish(transaction, plan);
    }

    private void Finish(AdapterTransaction transaction, TransactionPlan plan)
    {
        Warnings.AddRange(plan.Refused.Select(r => string.Create(CultureInfo.InvariantCulture, $"version {transaction.Version}, instruction {r.Instructions[0]}: {r.Error}")));
        _mapping = plan.Mapping;
        _cursor = transaction.Version;
        Planned++;
    }

    private void Reject(string message)
    {
        Errors.Add(message);
        _sql.Append("-- BAD TRANSACTION, applied not at all and dead-lettered: ").Append(Line(message)).Append('\n');
        if (stopOnBadTransaction)
        {
            Stopped = true;
            _sql.Append("-- onBadTransaction = stop: the applier stops this Realm path here.\n");
        }

        _sql.Append('\n');
    }

    private static string Line(string text) => text.ReplaceLineEndings(" ");
}
