namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// What <see cref="SqlFirstRegistrar"/> did: the plan, and when it recorded anything, the Realm path's id and the
/// outbox version of the ADD_TYPE transaction (null when nothing was new).
/// </summary>
public sealed record SqlFirstRegistration(SqlFirstPlan Plan, int? RealmId, long? OutboxVersion);
