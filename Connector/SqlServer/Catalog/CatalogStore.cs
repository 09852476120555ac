using System.Data;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Catalog;

/// <summary>
/// Reads and writes the catalog (schema realmsync) with SqlClient. Every method works inside the caller's
/// transaction, so that catalog rows commit or roll back with the data they describe. Statements come from
/// <see cref="CatalogStatements"/>; every value is a parameter.
/// </summary>
public static class CatalogStore
{
    /// <summary>
    /// Every catalog row, in the order mapped, with its cursor: paths mapped on their own, partitioned mappings
    /// (<see cref="MappedRealm.Partitioned"/>) and the paths registered under them (<see cref="MappedRealm.PartitionOf"/>).
    /// </summary>
    public static async Task<IReadOnlyList<MappedRealm>> ListRealmsAsync(SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction!, CatalogStatements.ListRealms);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var realms = new List<MappedRealm>();
        while (await reader.ReadAsync(cancellationToken))
        {
            realms.Add(Realm(reader, reader.GetString(1), 2) with { Cursor = reader.IsDBNull(5) ? null : reader.GetInt64(5) });
        }

        return realms;
    }

    /// <summary>The partitioned mappings only (their patterns), for matching a path the catalog does not hold.</summary>
    public static async Task<IReadOnlyList<MappedRealm>> ListPartitionedAsync(SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction!, CatalogStatements.ListPartitioned);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var realms = new List<MappedRealm>();
        while (await reader.ReadAsync(cancellationToken))
        {
            realms.Add(Realm(reader, reader.GetString(1), 2));
        }

        return realms;
    }

    /// <summary>
    /// The registered Realms of the partitioned mapping <paramref name="mappingId"/> a poll pass visits
    /// (<see cref="CatalogStatements.ListPartitionMembers"/>): by RealmId, each one's path and whether it was sent before.
    /// </summary>
    public static async Task<SortedDictionary<int, (string Path, bool Sent)>> ListPartitionMembersAsync(
        SqlConnection connection, SqlTransaction transaction, int mappingId, bool all, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.ListPartitionMembers);
        command.Parameters.Add(RealmId(mappingId));
        command.Parameters.Add(new SqlParameter("@All", SqlDbType.Bit) { Value = all });
        command.Parameters.Add(Text("@Ids", "[" + string.Join(",", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new SortedDictionary<int, (string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members[reader.GetInt32(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        return members;
    }

    public static async Task<MappedRealm?> FindRealmAsync(SqlConnection connection, SqlTransaction transaction, string realmPath, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.FindRealm);
        command.Parameters.Add(Path(realmPath));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Realm(reader, realmPath, 1) : null;
    }

    /// <summary>
    /// Registers <paramref name="realm"/> (a path its partitioned mapping's pattern matches, RealmId 0) in the caller's
    /// transaction (<see cref="CatalogStatements.RegisterPartition"/>). Another node that registered it first wins: the
    /// unique path fails this transaction with <see cref="Sql.PartitionRaceException"/> (transient), and its retry finds the row.
    /// </summary>
    public static async Task<MappedRealm> RegisterPartitionAsync(SqlConnection connection, SqlTransaction transaction, MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var partitionOf = realm.PartitionOf ?? throw new ArgumentException($"Realm path '{realm.RealmPath}' belongs to no partitioned mapping", nameof(realm));
        await using var command = Command(connection, transaction, CatalogStatements.RegisterPartition);
        command.Parameters.Add(Path(realm.RealmPath));
        command.Parameters.Add(new SqlParameter("@SqlSchema", SqlDbType.NVarChar, 128) { Value = realm.SqlSchema });
        command.Parameters.Add(new SqlParameter("@PartitionOf", SqlDbType.Int) { Value = partitionOf });
        try
        {
            return realm with { RealmId = (int)(await command.ExecuteScalarAsync(cancellationToken))!, Cursor = 0 };
        }
        catch (SqlException e) when (e.Errors.Cast<SqlError>().Any(error => error.Number is Applier.BadInputErrors.DuplicateKey or Applier.BadInputErrors.DuplicateIndexKey))
        {
            throw new Sql.PartitionRaceException($"Realm path '{realm.RealmPath}' was registered by another node at the same time; the transaction is tried again.", e);
        }
    }

    /// <summary>
    /// Takes the schema lock of the partitioned mapping <paramref name="owner"/> (<see cref="CatalogStatements.LockPartitionedSchema"/>),
    /// exclusive for a growth, and checks that its deployment in force is still <paramref name="plannedOn"/>; otherwise another
    /// Realm grew the schema meanwhile, and the transaction is tried again on the grown one (<see cref="Sql.PartitionRaceException"/>).
    /// </summary>
    public static async Task LockPartitionedSchemaAsync(
        SqlConnection connection, SqlTransaction transaction, string realmPath, int owner, int plannedOn, bool exclusive, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.LockPartitionedSchema);
        command.Parameters.Add(RealmId(owner));
        command.Parameters.Add(new SqlParameter("@LockMode", SqlDbType.NVarChar, 32) { Value = exclusive ? "Exclusive" : "Shared" });
        command.Parameters.Add(new SqlParameter("@LockTimeout", SqlDbType.Int) { Value = SchemaLockTimeoutMilliseconds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt32(0) < 0)
        {
            throw new Sql.PartitionRaceException($"Realm path '{realmPath}': the schema of its partitioned mapping has been changing for {SchemaLockTimeoutMilliseconds} ms; the transaction is tried again.");
        }

        if (reader.IsDBNull(1) || reader.GetInt32(1) != plannedOn)
        {
            throw new Sql.PartitionRaceException($"Realm path '{realmPath}': another Realm of its partitioned mapping changed the schema meanwhile; the transaction is tried again on the grown schema.");
        }
    }

    /// <summary>How long a Realm's transaction waits for the schema lock of its partitioned mapping before it is tried again.</summary>
    public const int SchemaLockTimeoutMilliseconds = 5000;

    private static MappedRealm Realm(SqlDataReader reader, string realmPath, int schemaOrdinal) =>
        new(reader.GetInt32(0), realmPath, reader.GetString(schemaOrdinal))
        {
            PartitionOf = reader.IsDBNull(schemaOrdinal + 1) ? null : reader.GetInt32(schemaOrdinal + 1),
            Partitioned = reader.GetBoolean(schemaOrdinal + 2),
        };

    private static SqlParameter Path(string realmPath) => new("@RealmPath", SqlDbType.NVarChar, 1024) { Value = realmPath };

    /// <summary>The highest version applied, or null when the Realm path has no cursor row.</summary>
    public static async Task<long?> ReadCursorAsync(SqlConnection connection, SqlTransaction transaction, int realmId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.ReadCursor);
        command.Parameters.Add(RealmId(realmId));
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    /// <summary>
    /// Moves the cursor to <paramref name="version"/>. False when it already stood at or above it (another node,
    /// or an earlier attempt whose commit did succeed, applied it): the caller must roll back.
    /// </summary>
    public static async Task<bool> AdvanceCursorAsync(SqlConnection connection, SqlTransaction transaction, int realmId, long version, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.AdvanceCursor);
        command.Parameters.Add(RealmId(realmId));
        command.Parameters.Add(new SqlParameter("@Version", SqlDbType.BigInt) { Value = version });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // A SchemaDeployment row never changes once written: the newest one per Realm path is kept, so that every
    // transaction and poll of an unchanged schema reads only the deployment id and shares one SchemaMapping
    // instance (and with it the planner's per-mapping caches); the mapping and the dacpac, which can be megabytes,
    // are read and deserialized only when the id changed. Keyed by server and database too: one process may serve
    // (or test) several databases whose ids coincide.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Server, string Database, int RealmId), DeploymentInForce> InForce = new();

    public static async Task<DeploymentInForce?> LoadDeploymentInForceAsync(SqlConnection connection, SqlTransaction transaction, int realmId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        int id;
        await using (var command = Command(connection, transaction, CatalogStatements.DeploymentInForceId))
        {
            command.Parameters.Add(RealmId(realmId));
            if (await command.ExecuteScalarAsync(cancellationToken) is not int found)
            {
                return null;
            }

            id = found;
        }

        var key = (connection.DataSource, connection.Database, realmId);
        if (InForce.TryGetValue(key, out var known) && known.DeploymentId == id)
        {
            return known;
        }

        await using var load = Command(connection, transaction, CatalogStatements.LoadDeployment);
        load.Parameters.Add(new SqlParameter("@DeploymentId", SqlDbType.Int) { Value = id });
        await using var reader = await load.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"realmsync.SchemaDeployment row {id} vanished between two statements of one transaction");
        }

        var mapping = SchemaMappingJson.Read(reader.GetString(0));
        var dacpac = await reader.GetFieldValueAsync<byte[]>(1, cancellationToken);
        return InForce[key] = new DeploymentInForce(id, mapping, dacpac);
    }

    public static async Task InsertRowsAsync(SqlConnection connection, SqlTransaction transaction, int realmId, IEnumerable<CatalogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            await using var command = Command(connection, transaction, CatalogStatements.InsertRow(row));
            command.Parameters.Add(RealmId(realmId));
            for (var i = 0; i < row.Values.Length; i++)
            {
                command.Parameters.Add(new SqlParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Values[i].Value ?? DBNull.Value));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Initial watermarks for tables the connector has just created (see <see cref="CatalogStatements.InsertInitialWatermark"/>).</summary>
    public static async Task InsertInitialWatermarksAsync(
        SqlConnection connection, SqlTransaction transaction, int realmId, string sqlSchema, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            await using var command = Command(connection, transaction, CatalogStatements.InsertInitialWatermark);
            command.Parameters.Add(RealmId(realmId));
            command.Parameters.Add(new SqlParameter("@SqlSchema", System.Data.SqlDbType.NVarChar, 128) { Value = sqlSchema });
            command.Parameters.Add(new SqlParameter("@SqlTable", System.Data.SqlDbType.NVarChar, 128) { Value = table });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task RecordDeploymentAsync(SqlConnection connection, SqlTransaction transaction, int realmId, SchemaDeployment deployment, string script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        await using var command = Command(connection, transaction, CatalogStatements.RecordDeployment);
        command.Parameters.Add(RealmId(realmId));
        command.Parameters.Add(new SqlParameter("@Reason", SqlDbType.NVarChar, 400) { Value = deployment.Reason });
        command.Parameters.Add(new SqlParameter("@Dacpac", SqlDbType.VarBinary, -1) { Value = deployment.Dacpac });
        command.Parameters.Add(Text("@Script", script));
        command.Parameters.Add(Text("@Mapping", SchemaMappingJson.Write(deployment.Mapping)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <param name="refusal">
    /// An object left out of a transaction that is being applied (<see cref="CatalogStatements.InsertRefusal"/>), rather
    /// than a transaction refused whole (<see cref="CatalogStatements.InsertDeadLetter"/>, idempotent).
    /// </param>
    public static async Task InsertDeadLetterAsync(
        SqlConnection connection, SqlTransaction transaction, DeadLetterRecord deadLetter, CancellationToken cancellationToken, bool refusal = false)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await using var command = Command(connection, transaction, refusal ? CatalogStatements.InsertRefusal : CatalogStatements.InsertDeadLetter);
        command.Parameters.Add(RealmId(deadLetter.RealmId));
        command.Parameters.Add(new SqlParameter("@Version", SqlDbType.BigInt) { Value = deadLetter.Version });
        command.Parameters.Add(new SqlParameter("@InstructionIndex", SqlDbType.Int) { Value = (object?)deadLetter.InstructionIndex ?? DBNull.Value });
        command.Parameters.Add(Text("@Error", deadLetter.Error));
        command.Parameters.Add(Text("@Transaction", deadLetter.Transaction));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertConflictAsync(SqlConnection connection, SqlTransaction transaction, ConflictRecord conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        await using var command = Command(connection, transaction, CatalogStatements.InsertConflict);
        command.Parameters.Add(RealmId(conflict.RealmId));
        command.Parameters.Add(new SqlParameter("@Version", SqlDbType.BigInt) { Value = conflict.Version });
        command.Parameters.Add(new SqlParameter("@InstructionIndex", SqlDbType.Int) { Value = conflict.InstructionIndex });
        command.Parameters.Add(new SqlParameter("@ClassName", SqlDbType.NVarChar, 256) { Value = conflict.ClassName });
        command.Parameters.Add(Text("@ObjectIdentity", conflict.ObjectIdentity));
        command.Parameters.Add(new SqlParameter("@Policy", SqlDbType.VarChar, 16) { Value = conflict.Policy });
        command.Parameters.Add(new SqlParameter("@SqlChangeVersion", SqlDbType.BigInt) { Value = conflict.SqlChangeVersion });
        command.Parameters.Add(Text("@RealmValues", conflict.RealmValues));
        command.Parameters.Add(Text("@SqlValues", conflict.SqlValues));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The Change Tracking version a table was last read up to for Realm, or null when never read.</summary>
    public static async Task<long?> ReadWatermarkAsync(SqlConnection connection, SqlTransaction transaction, int realmId, string sqlSchema, string sqlTable, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CatalogStatements.ReadWatermark);
        command.Parameters.Add(RealmId(realmId));
        command.Parameters.Add(new SqlParameter("@SqlSchema", SqlDbType.NVarChar, 128) { Value = sqlSchema });
        command.Parameters.Add(new SqlParameter("@SqlTable", SqlDbType.NVarChar, 128) { Value = sqlTable });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    private static SqlCommand Command(SqlConnection connection, SqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandType = CommandType.Text };

    private static SqlParameter RealmId(int realmId) => new("@RealmId", SqlDbType.Int) { Value = realmId };

    private static SqlParameter Text(string name, string? value) =>
        new(name, SqlDbType.NVarChar, -1) { Value = (object?)value ?? DBNull.Value };
}
