namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:Schema</c>: what happens when Realm changes the schema.</summary>
public sealed class SchemaOptions
{
    /// <summary>Schema changes are deployed by the connector.</summary>
    public const string Auto = "auto";

    /// <summary>Schema changes are written as a script for a DBA, and the Realm path waits.</summary>
    public const string Script = "script";

    public string ApplyMode { get; set; } = Auto;
}
