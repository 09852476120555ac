namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:SqlFirst</c>: existing tables to map into Realm.</summary>
public sealed class SqlFirstOptions
{
    /// <summary>Tables as <c>schema.table</c> (brackets allowed: <c>[my schema].[my table]</c>).</summary>
    public IList<string> Tables { get; } = [];

    /// <summary>The Realm path the tables are announced to (ADD_TYPE) and sent to, recorded as a 'sql-first' MappedRealm.</summary>
    public string RealmPath { get; set; } = DefaultRealmPath;

    public const string DefaultRealmPath = "/sql-first";
}
