using Connector.RealmSchema;

namespace Connector.SchemaGeneration;

/// <summary>
/// Where a property is stored: a column of the class table (<see cref="Column"/>), or a child table
/// (<see cref="ChildTable"/>) for lists, sets and dictionaries; neither for linkingObjects.
/// <see cref="NameResolution"/> says why a SQL name differs from the Realm name (null when it does not).
/// </summary>
public sealed record PropertyMapping(
    RealmProperty Property,
    string? Column,
    string? ChildTable,
    string? SqlType,
    string? NameResolution);
