namespace Connector.Applier;

/// <summary><c>Schema.ApplyMode</c>: what the applier does with a schema change an inbound transaction needs.</summary>
public enum SchemaApplyMode
{
    /// <summary><c>auto</c>: deploy it inside the transaction of the instructions that caused it.</summary>
    Auto,

    /// <summary><c>script</c>: write the script for a DBA and stop the Realm path until it has run.</summary>
    Script,
}
