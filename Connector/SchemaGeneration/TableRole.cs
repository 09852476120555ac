namespace Connector.SchemaGeneration;

/// <summary>What a generated table stores.</summary>
public enum TableRole
{
    /// <summary>The objects of a class, one row each.</summary>
    Class,

    /// <summary>A list of objects: owner, position, target key.</summary>
    LinkList,

    /// <summary>A list of primitives: owner, position, value.</summary>
    List,

    /// <summary>A set of primitives: owner, position (the set's sorted order), value.</summary>
    Set,

    /// <summary>A dictionary: owner, key, value.</summary>
    Dictionary,
}
