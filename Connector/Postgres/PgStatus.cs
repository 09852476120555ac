using System.Globalization;
using Connector.Configuration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// <c>status</c> with <c>Database.Provider = postgres</c>: per mapped Realm path, the inbound cursor and when it last
/// moved, the dead letters, the schema deployments, and, once <c>install</c> made one, the replication slot: whether
/// it is active, the WAL it retains, how far it is behind, and PostgreSQL's <c>wal_status</c>; the position capture
/// stored (the LSN lag in bytes and the time since the last pass), the outbox backlog and the conflicts. A slot whose WAL is
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
               pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), sl.confirmed_flush_lsn)::bigint,
               p."Lsn"::text, pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), p."Lsn")::bigint,
               EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - p."UpdatedAt")::double precision,
               (SELECT count(*) FROM realmsync."Outbox" AS o WHERE o."RealmId" = r."RealmId" AND o."ShippedAt" IS NULL),
               (SELECT min(o."CreatedAt") FROM realmsync."Outbox" AS o WHERE o."RealmId" = r."RealmId" AND o."ShippedAt" IS NULL),
               (SELECT count(*) FROM realmsync."Conflict" AS f WHERE f."RealmId" = r."RealmId"),
               r."PartitionOf", r."MappingMode" = 'partitioned'
        FROM realmsync."MappedRealm" AS r
        LEFT JOIN realmsync."InboundCursor" AS c ON c."RealmId" = r."RealmId"
        LEFT JOIN realmsync."CapturePosition" AS p ON p."RealmId" = r."RealmId"
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
        await using (var probe = new NpgsqlCommand("""SELECT to_regclass('realmsync."MappedRealm"') IS NOT NULL, to_regclass('realmsync."Outbox"') IS NOT NULL;""", connection))
        await using (var found = await probe.ExecuteReaderAsync(cancellationToken))
        {
            await found.ReadAsync(cancellationToken);
            if (!found.GetBoolean(0))
            {
                throw new ConnectorException($"{target}: the catalog (schema realmsync) is absent; deploy it with bootstrap --provider postgres --apply.", ExitCodes.NotReady);
            }

            if (!found.GetBoolean(1))
            {
                throw new ConnectorException($"{target}: the catalog is version 1 (no outbox); run 'realm-sqlserver install' to upgrade it.", ExitCodes.NotReady);
            }
        }

        await output.WriteLineAsync($"Status of {target}:");
        var warnings = 0;
        var partitioned = new List<Catalog.MappedRealm>();
        var members = new Dictionary<int, (long Paths, long DeadLetters, long Conflicts, long Backlog)>();
        await using (var command = new NpgsqlCommand(Query, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                warnings += await RealmAsync(reader, output, partitioned, members);
            }
        }

        foreach (var mapping in partitioned)
        {
            var (paths, deadLetters, conflicts, backlog) = members.GetValueOrDefault(mapping.RealmId);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Partitioned mapping '{mapping.RealmPath}': {paths} Realm path(s) registered under it: {deadLetters} dead letter(s), {conflicts} conflict(s), {backlog} outbox transaction(s) not shipped."));
            if (Partitioning.UnroutedRows.Describe((await PgPartitionReport.ReadAsync(connection, mapping, cancellationToken)).Unrouted) is { } rows)
            {
                warnings++;
                await output.WriteLineAsync($"  warning: {rows}; {Partitioning.UnroutedRows.Fix}.");
            }
        }

        return warnings == 0 ? ExitCodes.Success : ExitCodes.NotReady;
    }

    /// <summary>
    /// One catalog row's lines; the paths of a partitioned mapping are summed per mapping instead of listed one by one
    /// (there may be thousands), the mapping's own row says its capture. Returns the warnings written.
    /// </summary>
    private static async Task<int> RealmAsync(
        NpgsqlDataReader reader, TextWriter output, List<Catalog.MappedRealm> partitioned, Dictionary<int, (long Paths, long DeadLetters, long Conflicts, long Backlog)> members)
    {
        if (!reader.IsDBNull(17))
        {
            var sum = members.GetValueOrDefault(reader.GetInt32(17));
            members[reader.GetInt32(17)] = (sum.Paths + 1, sum.DeadLetters + reader.GetInt64(5), sum.Conflicts + reader.GetInt64(16), sum.Backlog + reader.GetInt64(14));
            return 0;
        }

        if (reader.GetBoolean(18))
        {
            partitioned.Add(new Catalog.MappedRealm(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)) { Partitioned = true });
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Partitioned mapping '{reader.GetString(1)}' (schema {reader.GetString(2)}, views {reader.GetString(2)}{SchemaGeneration.SchemaMapper.ScopeSchemaSuffix}): {reader.GetInt64(6)} schema deployment(s)."));
        }
        else
        {
            var cursor = reader.IsDBNull(3) ? "no cursor row" : string.Create(CultureInfo.InvariantCulture, $"version {reader.GetInt64(3)} (moved {reader.GetDateTime(4):yyyy-MM-dd HH:mm:ss} UTC)");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Realm path '{reader.GetString(1)}' (schema {reader.GetString(2)}): inbound cursor {cursor}; {reader.GetInt64(5)} dead letter(s); {reader.GetInt64(16)} conflict(s); {reader.GetInt64(6)} schema deployment(s)."));
        }

        var backlog = reader.GetInt64(14) == 0 ? "empty" : string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(14)} transaction(s) not shipped, the oldest from {reader.GetDateTime(15):yyyy-MM-dd HH:mm:ss} UTC");
        await output.WriteLineAsync(reader.IsDBNull(11)
            ? $"  capture: never read (the first capture pass sends the tables whole); outbox {backlog}."
            : string.Create(CultureInfo.InvariantCulture,
                $"  capture: read up to {reader.GetString(11)}, {Bytes(reader, 12)} of WAL behind, {reader.GetDouble(13):F1} s since the last pass that read; outbox {backlog}."));
        if (reader.IsDBNull(7))
        {
            await output.WriteLineAsync("  change capture: no replication slot (install creates one when PostgreSQL to Realm is wanted).");
            return 0;
        }

        var walStatus = reader.IsDBNull(8) ? "unknown" : reader.GetString(8);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  change capture: slot {(reader.GetBoolean(7) ? "active" : "inactive")}, wal_status {walStatus}, retains {Bytes(reader, 9)} of WAL, {Bytes(reader, 10)} not yet confirmed."));
        if (walStatus is "lost" or "unreserved")
        {
            await output.WriteLineAsync($"  warning: the slot's WAL is {walStatus} (max_slot_wal_keep_size): changes may be lost; the affected tables must be sent to Realm whole.");
            return 1;
        }

        return 0;
    }

    private static string Bytes(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? "?" : string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(ordinal):N0} bytes");
}
