using System.Globalization;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// Change capture on PostgreSQL, first step (issue 11): per Realm path a publication of its generated tables and a
/// logical replication slot with <c>pgoutput</c>. The applier marks its own transactions with a transactional logical
/// message (<see cref="MarkerPrefix"/>, emitted only once the slot exists, so a server below <c>wal_level = logical</c>
/// is untouched: <see cref="MarkWhenCapturedSql"/>), and <see cref="PgChangeReader"/> drops the transactions that carry it.
/// </summary>
public static class PgCapture
{
    /// <summary>The prefix of the logical message that marks the connector's own transactions.</summary>
    public const string MarkerPrefix = "realmsync";

    /// <summary>The publication of a Realm path (publications belong to their database).</summary>
    public static string Name(int realmId) => string.Create(CultureInfo.InvariantCulture, $"realmsync_{realmId}");

    /// <summary>
    /// The slot of the Realm path whose id <paramref name="realmId"/> (an SQL expression) gives: slots are the server's,
    /// not the database's, so the name carries the database's oid (lowercase, digits and underscores, as slot names must be).
    /// </summary>
    public static string SlotNameSql(string realmId) =>
        "'realmsync_' || (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = current_database()) || '_' || " + realmId;

    /// <summary>
    /// An SQL expression true when the Realm path's slot exists, and which then marks the current transaction as the
    /// connector's (a transactional logical message, decoded with it), so that the change reader drops it.
    /// </summary>
    public static string MarkWhenCapturedSql(string realmId) =>
        $"CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_replication_slots AS s WHERE s.slot_name = {SlotNameSql(realmId)}) " +
        $"THEN pg_catalog.pg_logical_emit_message(true, '{MarkerPrefix}', 'applier') IS NOT NULL ELSE false END";

    /// <summary>Creates the path's publication of <paramref name="tables"/> (none: an empty one) unless it exists.</summary>
    public static string CreatePublicationSql(int realmId, IReadOnlyCollection<SqlTableDefinition> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var name = Name(realmId);
        var forTables = tables.Count == 0 ? string.Empty : " FOR TABLE " + string.Join(", ", tables.Select(PgTableWriter.Q));
        return PgDeployScript.Do(
            $"BEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = {PgLiteral.String(name)}) THEN\n" +
            $"        CREATE PUBLICATION {PgIdentifier.Quote(name)}{forTables};\n    END IF;\nEND");
    }

    public static async Task<string> SlotNameAsync(NpgsqlConnection connection, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT " + SlotNameSql("$1::text") + ";", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Creates the publication of <paramref name="mapping"/>'s tables and the slot, unless they exist; refuses, saying
    /// what to change, when the server cannot decode (<c>wal_level</c> below logical).
    /// </summary>
    /// <summary>
    /// Adds to an existing publication the mapped tables it lacks that the role owns: a table created by a schema growth
    /// while the slot was missing (the growth adds tables only to a captured path's publication) would otherwise be
    /// loaded whole once and never captured again. SQL-first tables of another owner are install's and doctor's to report.
    /// </summary>
    private static async Task AddMissingTablesAsync(NpgsqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        await using (var find = new NpgsqlCommand(
            """
            SELECT t.name FROM unnest($1::text[], $2::text[]) AS t(schema, name)
            JOIN pg_catalog.pg_namespace AS n ON n.nspname = t.schema
            JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.name
            WHERE pg_catalog.pg_has_role(c.relowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables AS p WHERE p.pubname = $3 AND p.schemaname = t.schema AND p.tablename = t.name);
            """, connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = mapping.Tables.Select(t => t.Schema).ToArray() });
            find.Parameters.Add(new NpgsqlParameter { Value = mapping.Tables.Select(t => t.Name).ToArray() });
            find.Parameters.Add(new NpgsqlParameter { Value = Name(realmId) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add(reader.GetString(0));
            }
        }

        if (missing.Count > 0)
        {
            var tables = mapping.Tables.Where(t => missing.Contains(t.Name));
            await using var add = new NpgsqlCommand($"ALTER PUBLICATION {PgIdentifier.Quote(Name(realmId))} ADD TABLE {string.Join(", ", tables.Select(PgTableWriter.Q))};", connection);
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task EnsureAsync(NpgsqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using (var level = new NpgsqlCommand("SHOW wal_level;", connection))
        {
            if (await level.ExecuteScalarAsync(cancellationToken) is not "logical")
            {
                throw new ConnectorException(
                    "change capture on PostgreSQL needs wal_level = logical: set it in postgresql.conf (or ALTER SYSTEM SET wal_level = logical) and restart the server.",
                    ExitCodes.Failure);
            }
        }

        await using (var publication = new NpgsqlCommand(CreatePublicationSql(realmId, mapping.Tables), connection))
        {
            await publication.ExecuteNonQueryAsync(cancellationToken);
        }

        await AddMissingTablesAsync(connection, realmId, mapping, cancellationToken);

        var slotName = await SlotNameAsync(connection, realmId, cancellationToken);
        await using var slot = new NpgsqlCommand(
            "SELECT pg_catalog.pg_create_logical_replication_slot($1, 'pgoutput') WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = $1);",
            connection);
        slot.Parameters.Add(new NpgsqlParameter { Value = slotName });
        await slot.ExecuteNonQueryAsync(cancellationToken);
    }
}
