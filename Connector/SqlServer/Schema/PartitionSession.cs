using Connector.SchemaGeneration;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Schema;

/// <summary>
/// How a partitioned mapping's SQL knows the Realm a statement is for: the session context key
/// <see cref="Key"/>, set by the applier at the start of each apply transaction (<see cref="SetStatement"/>), read by
/// the per-Realm views' filter and by the base tables' default for <see cref="SchemaMapper.RealmColumn"/>. Unset, the
/// views show nothing and an insert through them fails on the NOT NULL column: a statement never lands in a Realm
/// it did not name.
/// </summary>
public static class PartitionSession
{
    public const string Key = "realmsync.realm_id";

    /// <summary>The RealmId of the session (SESSION_CONTEXT returns sql_variant; NULL when unset).</summary>
    public const string RealmIdExpression = "CONVERT(int, SESSION_CONTEXT(N'" + Key + "'))";

    /// <summary>The partition column as the first column of every generated table of a partitioned mapping.</summary>
    public const string RealmColumnDefinition =
        "[" + SchemaMapper.RealmColumn + "] int NOT NULL DEFAULT (" + RealmIdExpression + ")";

    /// <summary>Sets the session's Realm (parameter <c>@realmId</c>); not read-only, so that the next transaction can name another Realm.</summary>
    public const string SetStatement = "EXEC sys.sp_set_session_context @key = N'" + Key + "', @value = @realmId;";

    /// <summary>
    /// The table a CHANGETABLE read names for a table of a plan: Change Tracking is on the base tables, never on the
    /// per-Realm views, so a table a scoped mapping names (<see cref="SchemaMapping.ForRealm"/>, in
    /// <see cref="SchemaMapping.ScopeSchema"/>) is read in its base schema, and <see cref="InRealm"/> keeps its rows to
    /// the session's Realm.
    /// </summary>
    public static string ChangeTable(string schema, string table, bool scoped) => SqlIdentifier.Quote(BaseSchema(schema, scoped), table);

    /// <summary>The base schema of a table a scoped mapping names (its view schema without the suffix); <paramref name="schema"/> itself when not scoped.</summary>
    public static string BaseSchema(string schema, bool scoped)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!scoped)
        {
            return schema;
        }

        return schema.EndsWith(SchemaMapper.ScopeSchemaSuffix, StringComparison.Ordinal)
            ? schema[..^SchemaMapper.ScopeSchemaSuffix.Length]
            : throw new ArgumentException($"schema {schema} is no per-Realm view schema (*{SchemaMapper.ScopeSchemaSuffix})", nameof(schema));
    }

    /// <summary>With <paramref name="scoped"/>, the condition that keeps a CHANGETABLE read (alias <paramref name="alias"/>) to the session's Realm; otherwise nothing.</summary>
    public static string InRealm(string alias, bool scoped) =>
        scoped ? $" AND {alias}.[{SchemaMapper.RealmColumn}] = {RealmIdExpression}" : string.Empty;
}
