using System.Text.Json;
using Connector.Catalog;
using Connector.Configuration;

namespace Connector.SqlServer.Operations;

/// <summary>
/// What the connector's login needs, and nothing more; scripts/sql-setup.sql grants exactly this to the role
/// <c>realmsync_connector</c> (for the <c>ApplyMode</c> it is given), and <c>doctor</c> checks it. Schema changes
/// (<c>Schema:ApplyMode = auto</c>) create and alter tables in the data schema and the applier's table types and
/// procedures in <c>realmsync</c>: they need ALTER on both schemas, the three CREATE permissions, and REFERENCES
/// on <c>realmsync</c>, because a principal that does not own a user-defined table type needs REFERENCES on it to
/// create a procedure that takes it as a parameter (CREATE TYPE, "Permissions"). With <c>script</c> a DBA runs
/// the schema scripts, and the connector needs none of those. The tables of SQL-first paths are read only, and
/// checked (and granted) one by one, not on their schema (<see cref="MappedSchemas"/>). A partitioned mapping's
/// per-Realm views (<see cref="MappedSchemas.Scopes"/>) need the DML: the applier's procedures, owned by
/// <see cref="SchemaOwner"/>, write through them, and the views belong to another owner, so the ownership chain stops
/// there and SQL Server checks the caller; with <c>auto</c>, growth creates and alters them (ALTER, CREATE VIEW).
/// </summary>
public static class RequiredPermissions
{
    public const string Role = "realmsync_connector";

    /// <summary>The user without login that owns schema <c>realmsync</c> (scripts/sql-setup.sql).</summary>
    public const string SchemaOwner = "realmsync_owner";

    public static IReadOnlyList<PermissionRequirement> For(string applyMode, string dataSchema) => For(applyMode, MappedSchemas.Of(dataSchema));

    public static IReadOnlyList<PermissionRequirement> For(string applyMode, MappedSchemas schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var changes = SchemaChanges(applyMode);
        const string Catalog = CatalogSchema.SchemaName;
        var list = new List<PermissionRequirement>
        {
            new(Catalog, "SCHEMA", "SELECT", "read the catalog and the Quartz tables"),
            new(Catalog, "SCHEMA", "INSERT", "record cursors, watermarks, outbox, dead letters, conflicts"),
            new(Catalog, "SCHEMA", "UPDATE", "advance cursors and watermarks, mark the outbox shipped"),
            new(Catalog, "SCHEMA", "DELETE", "trim the outbox"),
            new(Catalog, "SCHEMA", "EXECUTE", "call the generated procedures and table types"),
        };
        if (changes)
        {
            list.Add(new(Catalog, "SCHEMA", "ALTER", "deploy the generated procedures and types on schema changes"));
            list.Add(new(Catalog, "SCHEMA", "REFERENCES", "create procedures that take the generated table types on schema changes"));
        }

        list.AddRange(schemas.Written.SelectMany(s => WrittenSchema(s, changes)));
        list.AddRange(schemas.Scopes.SelectMany(s => ScopeSchema(s, changes)));
        list.AddRange(schemas.SqlFirstTables.SelectMany(ReadTable));
        if (changes)
        {
            list.Add(new(null, "DATABASE", "CREATE TABLE", "create tables on schema changes"));
            list.Add(new(null, "DATABASE", "CREATE TYPE", "create table types on schema changes"));
            list.Add(new(null, "DATABASE", "CREATE PROCEDURE", "create procedures on schema changes"));
            if (schemas.Scopes.Count > 0)
            {
                list.Add(new(null, "DATABASE", "CREATE VIEW", "create the per-Realm views of a partitioned mapping on schema changes"));
            }
        }

        return list;
    }

    /// <summary>Whether the apply mode lets the connector deploy schema changes itself.</summary>
    public static bool SchemaChanges(string applyMode) => applyMode switch
    {
        SchemaOptions.Auto => true,
        SchemaOptions.Script => false,
        _ => throw new ArgumentOutOfRangeException(nameof(applyMode), applyMode, $"must be '{SchemaOptions.Auto}' or '{SchemaOptions.Script}'."),
    };

    /// <summary>The list as the JSON the permissions query reads with OPENJSON.</summary>
    public static string ToJson(IReadOnlyList<PermissionRequirement> requirements) =>
        JsonSerializer.Serialize(requirements.Select(r => new Dictionary<string, string?>
        {
            ["securable"] = r.Securable,
            ["class"] = r.SecurableClass,
            ["permission"] = r.Permission,
        }));

    private static IEnumerable<PermissionRequirement> WrittenSchema(string schema, bool changes)
    {
        foreach (var dml in Dml(schema, ""))
        {
            yield return dml;
        }

        yield return new(schema, "SCHEMA", "VIEW CHANGE TRACKING", "read SQL changes with CHANGETABLE");
        if (changes)
        {
            yield return new(schema, "SCHEMA", "ALTER", "create and change tables on schema changes");
        }
    }

    /// <summary>A partitioned mapping's per-Realm views: written through, never change-tracked (views have no Change Tracking).</summary>
    private static PermissionRequirement[] ScopeSchema(string schema, bool changes) => changes
        ? [.. Dml(schema, " through the per-Realm views"), new(schema, "SCHEMA", "ALTER", "create and change the per-Realm views on schema changes")]
        : Dml(schema, " through the per-Realm views");

    private static PermissionRequirement[] Dml(string schema, string through) =>
    [
        new(schema, "SCHEMA", "SELECT", "read rows for Realm" + through),
        new(schema, "SCHEMA", "INSERT", "apply Realm inserts" + through),
        new(schema, "SCHEMA", "UPDATE", "apply Realm updates" + through),
        new(schema, "SCHEMA", "DELETE", "apply Realm deletes" + through),
    ];

    private static IEnumerable<PermissionRequirement> ReadTable(SqlFirstTable table)
    {
        var note = table.Mapped ? "" : ", once 'install' maps it";
        yield return new(table.Name, PermissionRequirement.Object, "SELECT", "read the rows of this SQL-first table for Realm" + note) { OnlyIfVisible = !table.Mapped };
        yield return new(table.Name, PermissionRequirement.Object, "VIEW CHANGE TRACKING", "read the changes of this SQL-first table with CHANGETABLE" + note) { OnlyIfVisible = !table.Mapped };
    }
}
