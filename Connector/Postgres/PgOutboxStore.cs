using System.Runtime.CompilerServices;
using System.Text;
using Connector.Adapter;
using Connector.ChangeTracking;
using Npgsql;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// The outbox and each Realm path's capture position in the catalog (<see cref="PgCatalogSchema.Version2"/>), on a
/// connection the caller opened: a capture pass writes its outbox rows and the position it read up to in one
/// transaction (the transactional outbox of DESIGN.md section 3); the shipper reads and marks rows on its own.
/// </summary>
public sealed class PgOutboxStore(NpgsqlConnection connection) : IOutboxShippingStore
{
    public async Task<long> NextVersionAsync(int realmId, CancellationToken cancellationToken)
    {
        await using var command = Command("""SELECT COALESCE(max("Version"), 0) + 1 FROM realmsync."Outbox" WHERE "RealmId" = $1;""", realmId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task InsertAsync(int realmId, AdapterTransaction outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        await using var command = Command("""INSERT INTO realmsync."Outbox" ("RealmId", "Version", "Transaction") VALUES ($1, $2, $3);""", realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = outbound.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(AdapterCodec.EncodeToUtf8(outbound)) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The position the path's slot was read up to and stored, or null when it was never read.</summary>
    public async Task<NpgsqlLogSequenceNumber?> ReadPositionAsync(int realmId, CancellationToken cancellationToken)
    {
        await using var command = Command("""SELECT "Lsn" FROM realmsync."CapturePosition" WHERE "RealmId" = $1;""", realmId);
        return await command.ExecuteScalarAsync(cancellationToken) is NpgsqlLogSequenceNumber lsn ? lsn : null;
    }

    public async Task WritePositionAsync(int realmId, NpgsqlLogSequenceNumber lsn, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            INSERT INTO realmsync."CapturePosition" ("RealmId", "Lsn") VALUES ($1, $2)
            ON CONFLICT ("RealmId") DO UPDATE SET "Lsn" = excluded."Lsn", "UpdatedAt" = now() AT TIME ZONE 'UTC';
            """, realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = lsn, NpgsqlDbType = NpgsqlDbType.PgLsn });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<int>?> UnshippedRealmsAsync(CancellationToken cancellationToken)
    {
        // The partial index IX_Outbox_Unshipped holds exactly these rows.
        await using var command = new NpgsqlCommand("""SELECT DISTINCT "RealmId" FROM realmsync."Outbox" WHERE "ShippedAt" IS NULL;""", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var realms = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            realms.Add(reader.GetInt32(0));
        }

        return realms;
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """SELECT "Version", "Transaction" FROM realmsync."Outbox" WHERE "RealmId" = $1 AND "ShippedAt" IS NULL ORDER BY "Version" LIMIT $2;""", realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1)));
        }

        return entries;
    }

    /// <summary>The newest <paramref name="limit"/> outbox transactions of the path, shipped or not, decoded, newest first.</summary>
    public async IAsyncEnumerable<AdapterTransaction> ReadLatestAsync(int realmId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(
            """SELECT "Transaction" FROM realmsync."Outbox" WHERE "RealmId" = $1 ORDER BY "Version" DESC LIMIT $2;""", realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AdapterCodec.Decode(reader.GetString(0));
        }
    }

    /// <summary>The outbox transactions <paramref name="first"/> to <paramref name="last"/> of the path, decoded, in version order.</summary>
    public async IAsyncEnumerable<AdapterTransaction> ReadRangeAsync(int realmId, long first, long last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(
            """SELECT "Transaction" FROM realmsync."Outbox" WHERE "RealmId" = $1 AND "Version" BETWEEN $2 AND $3 ORDER BY "Version";""", realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AdapterCodec.Decode(reader.GetString(0));
        }
    }

    public async Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """UPDATE realmsync."Outbox" SET "ShippedAt" = now() AT TIME ZONE 'UTC' WHERE "RealmId" = $1 AND "Version" <= $2 AND "ShippedAt" IS NULL;""", realmId);
        command.Parameters.Add(new NpgsqlParameter { Value = throughVersion });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, int realmId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        return command;
    }
}
