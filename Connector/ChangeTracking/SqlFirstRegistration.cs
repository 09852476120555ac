namespace Connector.ChangeTracking;

/// <summary>
/// What a SQL-first registration (SQL Server's <c>SqlFirstRegistrar</c>, PostgreSQL's <c>PgSqlFirstRegistrar</c>) did: the plan, and when it recorded anything, the Realm path's id and the
/// outbox version of the ADD_TYPE transaction (null when nothing was new).
/// </summary>
public sealed record SqlFirstRegistration(SqlFirstPlan Plan, int? RealmId, long? OutboxVersion);
