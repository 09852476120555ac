using System.Globalization;
using Connector.Configuration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>status</c> with <c>Database.Provider = postgres</c>: per mapped Realm path, the inbound cursor and when it last
/// moved, the dead letters, the schema deployments, and, once <c>install</c> made one, the replication slot: whether
/// it is active, the WAL it retains, how far it is behind, and PostgreSQL's <c>wal_status</c>. A slot whose WAL is
/// lost (or about to be) is a warning, exit code 8.
/// </summary>
public static class PgStatus
{
    private static readonly string Query = $"""
        SELECT r."RealmId", r."RealmPath", r."SqlSchema", c."Version", c."UpdatedAt",
               (SELECT count(*) FROM realmsync."DeadLetter" AS d WHERE d."RealmId" = r."RealmId"),
               (SELECT count(*) FROM realmsync."SchemaDeployment" AS s WHERE s."RealmId" = r."RealmId"),
               sl.active, sl.wal_status,
               pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), sl.restart_lsn)::bigint,
               pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), sl.confirmed_flush_lsn)::bigint
        FROM realmsync."MappedRealm" AS r
        LEFT JOIN realmsync."InboundCursor" AS c ON c."RealmId" = r."RealmId"
        LEFT JOIN pg_catalog.pg_replication_slots AS sl
            ON sl.slot_name = {PgCapture.SlotNameSql("r.\"RealmId\"")}
        ORDER BY r."RealmId";
        """;

    public static async Task<int> RunAsync(PostgresOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var connections = PgConnectionFactory.For(options);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var target = PostgresOptionsValidator.Masked(options.ConnectionString);
        await using (var probe = new NpgsqlCommand("""SELECT to_regclass('realmsync."MappedRealm"') IS NOT NULL;""", connection))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new ConnectorException($"{target}: the catalog (schema realmsync) is absent; deploy it with bootstrap --provider postgres --apply.", ExitCodes.NotReady);
            }
        }

        await output.WriteLineAsync($"Status of {target}:");
        var warnings = 0;
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cursor = reader.IsDBNull(3) ? "no cursor row" : string.Create(CultureInfo.InvariantCulture, $"version {reader.GetInt64(3)} (moved {reader.GetDateTime(4):yyyy-MM-dd HH:mm:ss} UTC)");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Realm path '{reader.GetString(1)}' (schema {reader.GetString(2)}): inbound cursor {cursor}; {reader.GetInt64(5)} dead letter(s); {reader.GetInt64(6)} schema deployment(s)."));
            if (reader.IsDBNull(7))
            {
                await output.WriteLineAsync("  change capture: no replication slot (install creates one when PostgreSQL to Realm is wanted).");
                continue;
            }

            var walStatus = reader.IsDBNull(8) ? "unknown" : reader.GetString(8);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  change capture: slot {(reader.GetBoolean(7) ? "active" : "inactive")}, wal_status {walStatus}, retains {Bytes(reader, 9)} of WAL, {Bytes(reader, 10)} not yet confirmed."));
            if (walStatus is "lost" or "unreserved")
            {
                warnings++;
                await output.WriteLineAsync($"  warning: the slot's WAL is {walStatus} (max_slot_wal_keep_size): changes may be lost; the affected tables must be sent to Realm whole.");
            }
        }

        return warnings == 0 ? ExitCodes.Success : ExitCodes.NotReady;
    }

    private static string Bytes(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? "?" : string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(ordinal):N0} bytes");
}
