using System.Text.Json;
using Connector.Catalog;

namespace Connector.Operations;

/// <summary>
/// What the connector's login needs, and nothing more; scripts/sql-setup.sql grants exactly this to the
/// role <c>realmsync_connector</c>. The applier's types and procedures live in <c>realmsync</c>, so schema
/// changes (<c>Schema:ApplyMode = auto</c>) need ALTER there as well as on the data schema.
/// </summary>
public static class RequiredPermissions
{
    public const string Role = "realmsync_connector";

    public static IReadOnlyList<PermissionRequirement> For(string dataSchema)
    {
        const string Catalog = CatalogSchema.SchemaName;
        return
        [
            new(Catalog, "SCHEMA", "SELECT", "read the catalog"),
            new(Catalog, "SCHEMA", "INSERT", "record cursors, watermarks, outbox, dead letters, conflicts"),
            new(Catalog, "SCHEMA", "UPDATE", "advance cursors and watermarks, mark the outbox shipped"),
            new(Catalog, "SCHEMA", "DELETE", "trim the outbox"),
            new(Catalog, "SCHEMA", "EXECUTE", "call the generated procedures and table types"),
            new(Catalog, "SCHEMA", "ALTER", "deploy the generated procedures and types on schema changes"),
            new(dataSchema, "SCHEMA", "SELECT", "read rows for Realm"),
            new(dataSchema, "SCHEMA", "INSERT", "apply Realm inserts"),
            new(dataSchema, "SCHEMA", "UPDATE", "apply Realm updates"),
            new(dataSchema, "SCHEMA", "DELETE", "apply Realm deletes"),
            new(dataSchema, "SCHEMA", "VIEW CHANGE TRACKING", "read SQL changes with CHANGETABLE"),
            new(dataSchema, "SCHEMA", "ALTER", "create and change tables on schema changes"),
            new(null, "DATABASE", "CREATE TABLE", "create tables on schema changes"),
            new(null, "DATABASE", "CREATE TYPE", "create table types on schema changes"),
            new(null, "DATABASE", "CREATE PROCEDURE", "create procedures on schema changes"),
        ];
    }

    /// <summary>The list as the JSON the permissions query reads with OPENJSON.</summary>
    public static string ToJson(IReadOnlyList<PermissionRequirement> requirements) =>
        JsonSerializer.Serialize(requirements.Select(r => new Dictionary<string, string?>
        {
            ["securable"] = r.Securable,
            ["class"] = r.SecurableClass,
            ["permission"] = r.Permission,
        }));
}
