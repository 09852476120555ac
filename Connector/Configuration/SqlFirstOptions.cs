namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:SqlFirst</c>: existing tables to map into Realm.</summary>
public sealed class SqlFirstOptions
{
    /// <summary>Tables as <c>schema.table</c> (brackets allowed: <c>[my schema].[my table]</c>).</summary>
    public IList<string> Tables { get; } = [];
}
