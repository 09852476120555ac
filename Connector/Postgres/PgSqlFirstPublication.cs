using Connector.Catalog;
using Connector.ChangeTracking;
using Connector.Operations;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// The SQL-first tables of a Realm path in its publication (<see cref="PgCapture.Name"/>), without which their changes
/// never reach Realm. <c>ALTER PUBLICATION ... ADD TABLE</c> needs ownership of the table and of the publication: the
/// connector adds the tables its role owns, and for the others says exactly what a superuser runs. <c>doctor</c>
/// reports a mapped table still missing (<see cref="MissingAsync"/>).
/// </summary>
public static class PgSqlFirstPublication
{
    /// <summary>
    /// Creates the path's publication when missing (without tables: <see cref="PgCapture.EnsureAsync"/> would list them all,
    /// and fail on a table the role does not own), then adds every table of <paramref name="mapping"/> missing from it
    /// that the role owns; one line per table added or left to the DBA.
    /// </summary>
    public static async Task<IReadOnlyList<CheckResult>> EnsureAsync(NpgsqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var name = PgCapture.Name(realmId);
        await ExecuteAsync(connection, PgCapture.CreatePublicationSql(realmId, []), cancellationToken);
        var results = new List<CheckResult>();
        foreach (var (table, owned) in await MissingAsync(connection, realmId, mapping, cancellationToken))
        {
            var quoted = PgTableWriter.Q(table);
            if (owned)
            {
                await ExecuteAsync(connection, $"ALTER PUBLICATION {PgIdentifier.Quote(name)} ADD TABLE {quoted};", cancellationToken);
                results.Add(CheckResult.Pass($"{SqlFirstLines.CheckName} {quoted}", $"joined publication {name}: its changes are captured for Realm path '{mapping.RealmPath}'."));
            }
            else
            {
                results.Add(NotPublished(realmId, mapping, table, connection.UserName));
            }
        }

        return results;
    }

    /// <summary>The line for a mapped table missing from the publication: what a superuser runs, and the class to re-send once it did.</summary>
    public static CheckResult NotPublished(int realmId, SchemaMapping mapping, SqlTableDefinition table, string? role)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(table);
        var quoted = PgTableWriter.Q(table);
        var className = mapping.Classes.First(c => c.Table == table.Name).Class.Name;
        return CheckResult.Fail(
            $"{SqlFirstLines.CheckName} {quoted}",
            $"is mapped for Realm path '{mapping.RealmPath}' but not in publication {PgCapture.Name(realmId)}, and role {role} does not own it " +
            "(adding a table to a publication needs its ownership): its SQL changes do not reach Realm.",
            $"as a superuser, run: ALTER PUBLICATION {PgIdentifier.Quote(PgCapture.Name(realmId))} ADD TABLE {quoted}; " +
            $"if a capture pass of the path ran before, re-send the class then: realm-sqlserver resend --realm-path '{mapping.RealmPath}' --class {className}");
    }

    /// <summary>
    /// <c>doctor</c>'s check: every SQL-first path whose publication exists has all its tables in it; one line per path
    /// that has, one per table that is missing (<see cref="NotPublished"/>, or install for a table the role owns).
    /// A path without its publication yet is left to the capture check and install.
    /// </summary>
    public static async Task<IReadOnlyList<CheckResult>> CheckAsync(NpgsqlConnection connection, IReadOnlyList<MappedRealm> realms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realms);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT r."RealmId" FROM realmsync."MappedRealm" AS r
            JOIN unnest($1::integer[], $2::text[]) AS n(id, publication) ON n.id = r."RealmId"
            WHERE r."MappingMode" = '{SqlFirstTables.MappingMode}' AND EXISTS (SELECT 1 FROM pg_catalog.pg_publication AS p WHERE p.pubname = n.publication);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realms.Select(r => r.RealmId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = realms.Select(r => PgCapture.Name(r.RealmId)).ToArray() });
        var ids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        var results = new List<CheckResult>();
        foreach (var realm in realms.Where(r => ids.Contains(r.RealmId)))
        {
            if (await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, cancellationToken) is not { } mapping)
            {
                continue;
            }

            var missing = await MissingAsync(connection, realm.RealmId, mapping, cancellationToken);
            results.AddRange(missing.Select(m => m.Owned
                ? CheckResult.Fail($"{SqlFirstLines.CheckName} {PgTableWriter.Q(m.Table)}", $"is mapped for Realm path '{realm.RealmPath}' but not in publication {PgCapture.Name(realm.RealmId)}: its SQL changes do not reach Realm.",
                    "run install: it adds the tables the role owns.")
                : NotPublished(realm.RealmId, mapping, m.Table, connection.UserName)));
            if (missing.Count == 0)
            {
                results.Add(CheckResult.Pass($"{SqlFirstLines.CheckName} '{realm.RealmPath}'", $"its {mapping.Classes.Length} table(s) are in publication {PgCapture.Name(realm.RealmId)}."));
            }
        }

        return results;
    }

    /// <summary>The class tables of <paramref name="mapping"/> missing from the path's publication, each with whether the role owns it.</summary>
    public static async Task<IReadOnlyList<(SqlTableDefinition Table, bool Owned)>> MissingAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var command = new NpgsqlCommand(
            """
            SELECT t.name, pg_catalog.pg_has_role(c.relowner, 'USAGE')
            FROM unnest($3::text[]) AS t(name)
            JOIN pg_catalog.pg_namespace AS n ON n.nspname = $2
            JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.name
            WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables AS p WHERE p.pubname = $1 AND p.schemaname = $2 AND p.tablename = t.name);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = PgCapture.Name(realmId) });
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.SqlSchema });
        command.Parameters.Add(new NpgsqlParameter { Value = mapping.Tables.Where(t => t.Role == TableRole.Class).Select(t => t.Name).ToArray() });
        var missing = new List<(SqlTableDefinition, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add((mapping.Tables.First(t => t.Name == reader.GetString(0)), reader.GetBoolean(1)));
        }

        return missing;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
