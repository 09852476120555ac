using System.Globalization;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// A partitioned mapping's per-Realm views on PostgreSQL: one per generated table, in the mapping's scope schema
/// (<see cref="SchemaMapping.ScopeSchema"/>), showing only the rows of the Realm the transaction names in the setting
/// <see cref="Setting"/>. The applier runs the same statements as for a mapping of one Realm path through them
/// (<see cref="SchemaMapping.ForRealm"/>): WITH CHECK OPTION refuses a row of another Realm, an insert takes the
/// transaction's Realm as the partition column's default, and a transaction that set no Realm fails (the setting is
/// then unknown or empty) instead of touching every Realm's rows. A CLEAR from one Realm can never reach another's.
/// </summary>
public static class PgScopeViews
{
    /// <summary>The transaction-local setting that names the Realm (its RealmId) whose rows the views show.</summary>
    public const string Setting = "realmsync.realm_id";

    private static readonly string Current = $"current_setting('{Setting}')::integer";

    // In the view's filter as a scalar subquery: evaluated once per scan (an InitPlan), not once per row of a sequential
    // scan, and still an index condition. A column default cannot hold a subquery, hence the plain form there.
    private static readonly string CurrentOnce = $"(SELECT {Current})";

    /// <summary>The view of <paramref name="table"/> (made again, with the table's new columns, after a growth), and the partition column's default; none when not partitioned.</summary>
    public static IReadOnlyList<string> Create(SchemaMapping mapping, SqlTableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(table);
        if (!mapping.Partitioned)
        {
            return [];
        }

        var view = PgIdentifier.Quote(mapping.ScopeSchema, table.Name);
        var column = PgIdentifier.Quote(SchemaMapper.RealmColumn);
        // * in the table's own column order: a view made again must list its old columns first, in the same order.
        return
        [
            $"CREATE OR REPLACE VIEW {view} AS SELECT * FROM {PgTableWriter.Q(table)} WHERE {column} = {CurrentOnce} WITH LOCAL CHECK OPTION;",
            $"ALTER VIEW {view} ALTER COLUMN {column} SET DEFAULT {Current};",
        ];
    }

    /// <summary>Makes the current transaction one Realm's (<c>set_config</c>, local to the transaction): the views then show its rows.</summary>
    public static async Task SelectAsync(Npgsql.NpgsqlConnection connection, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            string.Create(CultureInfo.InvariantCulture, $"SELECT pg_catalog.set_config('{Setting}', '{realmId}', true);"), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
