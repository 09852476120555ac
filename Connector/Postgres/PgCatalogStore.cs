using Connector.Catalog;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>The catalog's reads and writes on PostgreSQL (<see cref="PgCatalogSchema"/>), all with parameters, in the caller's transaction.</summary>
public static class PgCatalogStore
{
    private const string RealmColumns = """r."RealmId", r."RealmPath", r."SqlSchema", r."PartitionOf", r."MappingMode" = 'partitioned'""";

    /// <summary>The catalog row of <paramref name="realmPath"/> (a path mapped on its own, or registered under a partitioned mapping); null when absent.</summary>
    public static async Task<MappedRealm?> FindRealmAsync(NpgsqlConnection connection, string realmPath, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""SELECT {RealmColumns} FROM realmsync."MappedRealm" AS r WHERE r."RealmPath" = $1 AND r."MappingMode" <> 'partitioned';""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmPath });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Realm(reader) : null;
    }

    /// <summary>Every row of realmsync."MappedRealm": paths, partitioned mappings (<see cref="MappedRealm.Partitioned"/>) and the paths registered under them.</summary>
    public static Task<IReadOnlyList<MappedRealm>> ListRealmsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => ReadRealmsAsync(
        connection,
        $"""SELECT {RealmColumns}, c."Version" FROM realmsync."MappedRealm" AS r LEFT JOIN realmsync."InboundCursor" AS c ON c."RealmId" = r."RealmId" ORDER BY r."RealmId";""",
        cancellationToken);

    /// <summary>The partitioned mappings only (their patterns), for matching a path the catalog does not hold.</summary>
    public static Task<IReadOnlyList<MappedRealm>> ListPartitionedAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => ReadRealmsAsync(
        connection, $"""SELECT {RealmColumns} FROM realmsync."MappedRealm" AS r WHERE r."MappingMode" = 'partitioned' ORDER BY r."RealmId";""", cancellationToken);

    private static async Task<IReadOnlyList<MappedRealm>> ReadRealmsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var realms = new List<MappedRealm>();
        while (await reader.ReadAsync(cancellationToken))
        {
            realms.Add(Realm(reader));
        }

        return realms;
    }

    /// <summary>
    /// The catalog row of <paramref name="realm"/> (a path that matches a partitioned mapping's pattern), registered in
    /// the caller's transaction when absent: its catalog row and its cursor at 0. Its outbox sequence starts with its first outbox row. Another
    /// node that registered it first wins: the unique path makes this transaction fail, and its retry finds the row.
    /// </summary>
    public static async Task<MappedRealm> FindOrRegisterAsync(NpgsqlConnection connection, MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        return await FindRealmAsync(connection, realm.RealmPath, cancellationToken) ?? await RegisterAsync(connection, realm, cancellationToken);
    }

    private static async Task<MappedRealm> RegisterAsync(NpgsqlConnection connection, MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var partitioned = realm.PartitionOf ?? throw new ArgumentException($"Realm path '{realm.RealmPath}' belongs to no partitioned mapping", nameof(realm));
        await using var command = new NpgsqlCommand(
            """
            WITH r AS (INSERT INTO realmsync."MappedRealm" ("RealmPath", "SqlSchema", "MappingMode", "PartitionOf") VALUES ($1, $2, 'partition', $3) RETURNING "RealmId")
            INSERT INTO realmsync."InboundCursor" ("RealmId", "Version") SELECT r."RealmId", 0 FROM r RETURNING "RealmId";
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realm.RealmPath });
        command.Parameters.Add(new NpgsqlParameter { Value = realm.SqlSchema });
        command.Parameters.Add(new NpgsqlParameter { Value = partitioned });
        try
        {
            return realm with { RealmId = (int)(await command.ExecuteScalarAsync(cancellationToken))! };
        }
        catch (PostgresException e) when (e.SqlState == PgErrors.UniqueViolation)
        {
            throw new PgCaptureRaceException($"Realm path '{realm.RealmPath}' was registered by another node at the same time; the transaction is tried again.");
        }
    }

    /// <summary>A row of <see cref="RealmColumns"/>, and the cursor when the query reads it (a sixth column).</summary>
    private static MappedRealm Realm(NpgsqlDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetString(2))
        {
            PartitionOf = reader.IsDBNull(3) ? null : reader.GetInt32(3),
            Partitioned = reader.GetBoolean(4),
            Cursor = reader.FieldCount > 5 && !reader.IsDBNull(5) ? reader.GetInt64(5) : null,
        };

    /// <summary>The cursor, read without a lock (the applier locks it with <see cref="LockCursorAndDeploymentAsync"/>).</summary>
    public static async Task<long?> ReadCursorAsync(NpgsqlConnection connection, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""SELECT c."Version" FROM realmsync."InboundCursor" AS c WHERE c."RealmId" = $1;""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    public static async Task AdvanceCursorAsync(NpgsqlConnection connection, int realmId, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """UPDATE realmsync."InboundCursor" SET "Version" = $2, "UpdatedAt" = now() AT TIME ZONE 'UTC' WHERE "RealmId" = $1 AND "Version" < $2;""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The cursor, its row locked until the transaction ends (two nodes applying the same Realm path take turns, and the
    /// second sees the first's version, then skips it), and the id of the deployment in force, in one round trip: the
    /// applier reads the mapping itself only when that id changed (<see cref="LoadMappingAsync"/>).
    /// </summary>
    /// <remarks>
    /// Also whether the path's change capture slot exists (<see cref="PgCapture"/>); if so, the same statement marks the
    /// transaction as the connector's.
    /// </remarks>
    /// <param name="owner">The RealmId whose deployments and capture slot serve the path: its own, or its partitioned mapping's.</param>
    public static async Task<(long Version, int DeploymentId, bool Captured)?> LockCursorAndDeploymentAsync(
        NpgsqlConnection connection, int realmId, CancellationToken cancellationToken, bool mark = true, int? owner = null)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT c."Version", (SELECT max(d."DeploymentId") FROM realmsync."SchemaDeployment" AS d WHERE d."RealmId" = $2),
                {(mark ? PgCapture.MarkWhenCapturedSql("$2::text") : "false")}
            FROM realmsync."InboundCursor" AS c WHERE c."RealmId" = $1 FOR UPDATE OF c;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        command.Parameters.Add(new NpgsqlParameter { Value = owner ?? realmId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(1) ? (reader.GetInt64(0), reader.GetInt32(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>The mapping in force: the newest deployment's.</summary>
    public static async Task<SchemaMapping?> LoadMappingAsync(NpgsqlConnection connection, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """SELECT d."Mapping" FROM realmsync."SchemaDeployment" AS d WHERE d."RealmId" = $1 ORDER BY d."DeploymentId" DESC LIMIT 1;""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? SchemaMappingJson.Read(json) : null;
    }

    /// <summary>What a schema growth adds: catalog rows of the new classes and properties (all of them when <paramref name="previous"/> is null), and the deployment with its script.</summary>
    public static async Task RecordGrowthAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping? previous, SchemaMapping next, string reason, string script, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in CatalogRows.Growth(previous, next))
        {
            var columns = string.Join(", ", row.Values.Select(v => PgIdentifier.Quote(v.Key)));
            var values = string.Join(", ", row.Values.Select((_, i) => "$" + (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var command = new NpgsqlBatchCommand($"INSERT INTO {PgDeployScript.CatalogTable(row.Table)} (\"RealmId\", {columns}) VALUES ($1, {values});");
            command.Parameters.Add(new NpgsqlParameter { Value = realmId });
            foreach (var value in row.Values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value.Value ?? DBNull.Value, NpgsqlDbType = Type(value.Value) });
            }

            batch.BatchCommands.Add(command);
        }

        var deployment = new NpgsqlBatchCommand("""INSERT INTO realmsync."SchemaDeployment" ("RealmId", "Reason", "Script", "Mapping") VALUES ($1, $2, $3, $4);""");
        deployment.Parameters.Add(new NpgsqlParameter { Value = realmId });
        deployment.Parameters.Add(new NpgsqlParameter { Value = reason });
        deployment.Parameters.Add(new NpgsqlParameter { Value = script });
        deployment.Parameters.Add(new NpgsqlParameter { Value = SchemaMappingJson.Write(next) });
        batch.BatchCommands.Add(deployment);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertConflictAsync(NpgsqlConnection connection, ConflictRecord conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO realmsync."Conflict" ("RealmId", "Version", "InstructionIndex", "ClassName", "ObjectIdentity", "Policy", "SqlChangeVersion", "RealmValues", "SqlValues")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
            """, connection);
        foreach (var value in new object?[] { conflict.RealmId, conflict.Version, conflict.InstructionIndex, conflict.ClassName, conflict.ObjectIdentity, conflict.Policy, conflict.SqlChangeVersion, conflict.RealmValues, conflict.SqlValues })
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task InsertDeadLetterAsync(NpgsqlConnection connection, DeadLetterRecord deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await using var command = new NpgsqlCommand(
            """INSERT INTO realmsync."DeadLetter" ("RealmId", "Version", "InstructionIndex", "Error", "Transaction") VALUES ($1, $2, $3, $4, $5);""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = deadLetter.RealmId });
        command.Parameters.Add(new NpgsqlParameter { Value = deadLetter.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)deadLetter.InstructionIndex ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        // The transaction's JSON as received; text holds no NUL, so a line carrying one is kept with it escaped.
        command.Parameters.Add(new NpgsqlParameter { Value = deadLetter.Error.Replace("\0", "\\u0000", StringComparison.Ordinal) });
        command.Parameters.Add(new NpgsqlParameter { Value = deadLetter.Transaction.Replace("\0", "\\u0000", StringComparison.Ordinal) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlTypes.NpgsqlDbType Type(object? value) => value switch
    {
        bool => NpgsqlTypes.NpgsqlDbType.Boolean,
        int => NpgsqlTypes.NpgsqlDbType.Integer,
        _ => NpgsqlTypes.NpgsqlDbType.Text,
    };
}
