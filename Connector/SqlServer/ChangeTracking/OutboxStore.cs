using System.Data;
using System.Runtime.CompilerServices;
using System.Text;
using Connector.Adapter;
using Connector.ChangeTracking;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The outbox and the watermarks in the catalog (<see cref="OutboxStatements"/>), on a connection the caller opened.
/// A pass writes outbox rows and watermarks through the same <see cref="SqlTransaction"/> as its reads, so that a
/// crash loses or duplicates nothing (the transactional outbox of DESIGN.md section 3).
/// </summary>
public sealed class OutboxStore(SqlConnection connection, SqlTransaction? transaction = null) : IOutboxShippingStore
{
    public async Task<long> NextVersionAsync(int realmId, CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.NextVersion, realmId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task InsertAsync(int realmId, AdapterTransaction outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        await using var command = Command(OutboxStatements.Insert, realmId);
        command.Parameters.Add("@version", SqlDbType.BigInt).Value = outbound.Version;
        command.Parameters.Add("@transaction", SqlDbType.NVarChar, -1).Value = Encoding.UTF8.GetString(AdapterCodec.EncodeToUtf8(outbound));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Watermarks by <c>(schema, table)</c>.</summary>
    public async Task<Dictionary<(string Schema, string Table), long>> ReadWatermarksAsync(int realmId, CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.ReadWatermarks, realmId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var watermarks = new Dictionary<(string, string), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            watermarks[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return watermarks;
    }

    public async Task UpsertWatermarkAsync(int realmId, string schema, string table, long version, CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.UpsertWatermark, realmId);
        command.Parameters.Add("@sqlSchema", SqlDbType.NVarChar, 128).Value = schema;
        command.Parameters.Add("@sqlTable", SqlDbType.NVarChar, 128).Value = table;
        command.Parameters.Add("@version", SqlDbType.BigInt).Value = version;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.ReadUnshipped, realmId);
        command.Parameters.Add("@limit", SqlDbType.Int).Value = limit;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1)));
        }

        return entries;
    }

    /// <summary>The transactions of versions <paramref name="first"/> to <paramref name="last"/>, one at a time.</summary>
    public async IAsyncEnumerable<AdapterTransaction> ReadRangeAsync(int realmId, long first, long last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.ReadRange, realmId);
        command.Parameters.Add("@first", SqlDbType.BigInt).Value = first;
        command.Parameters.Add("@last", SqlDbType.BigInt).Value = last;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AdapterCodec.Decode(reader.GetString(0));
        }
    }

    public async Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken)
    {
        await using var command = Command(OutboxStatements.MarkShipped, realmId);
        command.Parameters.Add("@throughVersion", SqlDbType.BigInt).Value = throughVersion;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqlCommand Command(string sql, int realmId)
    {
        var command = new SqlCommand(sql, connection, transaction);
        command.Parameters.Add("@realmId", SqlDbType.Int).Value = realmId;
        return command;
    }
}
