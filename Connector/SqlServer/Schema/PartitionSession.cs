using Connector.SchemaGeneration;

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
}
