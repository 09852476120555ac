namespace Connector.RealmSchema;

/// <summary>Which of the two property shapes of ADAPTER-PROTOCOL.md section 2 to write.</summary>
public enum PropertyJsonShape
{
    /// <summary><c>{"type": "list", "objectType": "int", "optional": false, "indexed": false}</c></summary>
    RealmJs,

    /// <summary><c>{"type": "list", "object_type": "int", "nullable": false}</c></summary>
    Adapter,
}
