using System.Data;
using System.Data.SqlTypes;
using System.Globalization;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Connector.Tests.Postgres.EndToEnd;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.Integration;

/// <summary>
/// A Realm's state read back from the generated SQL Server tables through the mapping in force, as the same lines
/// <see cref="StateTexts.FromModel"/> gives for the model with <see cref="Canon.Tick"/>: equal texts, equal states.
/// Each value SqlClient returns is turned back into the Realm value it stores and written by <see cref="Canon.Model"/>,
/// at SQL Server's own precision: dates to the 100 ns tick (datetime2(7)), decimals by value (decimal(38,18) adds
/// trailing zeros), mixed as its exact JSON text (nvarchar keeps it), every other type exactly.
/// </summary>
internal static class SqlServerStateTexts
{
    /// <summary>How SQL Server's tables are read: plain column values, decimals as <see cref="SqlDecimal"/>.</summary>
    public static StateDialect Dialect { get; } = new(Select, ValueText);

    /// <summary>The state of <paramref name="realmPath"/>, read in one snapshot transaction (the database allows snapshot isolation).</summary>
    public static async Task<SortedSet<string>> FromDatabaseAsync(SqlConnection connection, string realmPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken);
        var realm = await CatalogStore.FindRealmAsync(connection, transaction, realmPath, cancellationToken)
            ?? throw new InvalidOperationException($"Realm path '{realmPath}' is not in realmsync.MappedRealm of database {connection.Database}");
        var inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, transaction, realm.PartitionOf ?? realm.RealmId, cancellationToken)
            ?? throw new InvalidOperationException($"Realm path '{realmPath}' has no schema deployment in database {connection.Database}");
        var mapping = inForce.Mapping;
        if (realm.PartitionOf is not null)
        {
            // A Realm of a partitioned mapping: its rows as the applier sees them, through the per-Realm views of the session's Realm.
            await using var session = new SqlCommand(Connector.SqlServer.Schema.PartitionSession.SetStatement, connection, transaction);
            session.Parameters.Add(new SqlParameter("@realmId", SqlDbType.Int) { Value = realm.RealmId });
            await session.ExecuteNonQueryAsync(cancellationToken);
            mapping = mapping.ForRealm(mapping.RealmPath);
        }

        var lines = await StateTexts.FromTablesAsync(mapping, Dialect, sql => ReadAsync(connection, transaction, sql, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return lines;
    }

    /// <summary>The SELECT of <paramref name="columns"/> of <paramref name="table"/>, every name quoted, ordered by <paramref name="orderBy"/>.</summary>
    public static string Select(SqlTableDefinition table, IReadOnlyList<string> columns, IReadOnlyList<string> orderBy)
    {
        ArgumentNullException.ThrowIfNull(table);
        var order = orderBy.Count == 0 ? "" : " ORDER BY " + string.Join(", ", orderBy.Select(c => "t." + SqlIdentifier.Quote(c)));
        return $"SELECT {string.Join(", ", columns.Select(c => "t." + SqlIdentifier.Quote(c)))} FROM {SqlIdentifier.Quote(table.Schema, table.Name)} AS t{order}";
    }

    /// <summary>
    /// The canonical text of a value SqlClient returned (DBNull and null as null) for a property, collection element or
    /// key of <paramref name="type"/> (a link: its target's key type).
    /// </summary>
    public static string ValueText(object? value, RealmPropertyType type) => value switch
    {
        null or DBNull => "null",

        // The mixed column holds the tagged JSON text the applier wrote (AdapterValueWriter.ToJson): compared exactly.
        string json when type == RealmPropertyType.Mixed => "json " + json,
        _ => Canon.Model(ToRealm(value, type), type, Canon.Tick),
    };

    /// <summary>The Realm value a column value stores, by the CLR type SqlClient returns for its SQL type (SqlTypeMapper).</summary>
    private static RealmValue ToRealm(object value, RealmPropertyType type) => (value, type) switch
    {
        (bool b, RealmPropertyType.Bool) => new BoolValue(b),
        (long l, RealmPropertyType.Int) => new IntValue(l),
        (float f, RealmPropertyType.Float) => new FloatValue(f),
        (double d, RealmPropertyType.Double) => new DoubleValue(d),
        (string s, RealmPropertyType.String) => new StringValue(s),
        (byte[] bytes, RealmPropertyType.Data) => new DataValue(bytes),
        (byte[] { Length: 12 } bytes, RealmPropertyType.ObjectId) => new ObjectIdValue(Convert.ToHexStringLower(bytes)),
        (DateTime date, RealmPropertyType.Date) => Timestamp(date),
        (SqlDecimal d, RealmPropertyType.Decimal128) => new Decimal128Value(d.ToString()),
        (Guid g, RealmPropertyType.Uuid) => new UuidValue(g),
        _ => throw new ArgumentException(
            $"SQL Server returned a {value.GetType().Name} ({Convert.ToString(value, CultureInfo.InvariantCulture)}) for a value of Realm type {type}; the state reader expects the CLR type " +
            "SqlClient gives for the column type SqlTypeMapper maps it to: is the column of another type than the mapping says?"),
    };

    /// <summary>A datetime2 as seconds and nanoseconds since 1970 (nanoseconds 0 to 999,999,900, also before 1970).</summary>
    private static TimestampValue Timestamp(DateTime date)
    {
        var ticks = date.Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }

        return new TimestampValue(seconds, (int)(rest * 100));
    }

    private static async Task<List<object?[]>> ReadAsync(SqlConnection connection, SqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                // decimal(38,18) holds more digits than System.Decimal (GetValue would throw OverflowException).
                row[i] = reader.IsDBNull(i) ? null : reader.GetFieldType(i) == typeof(decimal) ? reader.GetSqlDecimal(i) : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
