namespace Connector.Catalog;

/// <summary>A Realm path recorded in realmsync.MappedRealm.</summary>
public sealed record MappedRealm(int RealmId, string RealmPath, string SqlSchema);
