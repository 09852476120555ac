namespace Connector.RealmFile;

/// <summary>How to decode the elements of a leaf: their type, whether they may be null, and a link's target class.</summary>
internal readonly record struct ElementSpec(
    RealmColumnType Type,
    bool Nullable,
    string? TargetClass = null,
    StringLeaf? EnumKeys = null);
