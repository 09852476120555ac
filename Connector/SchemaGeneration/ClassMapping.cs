using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.SchemaGeneration;

/// <summary>
/// A class and its table. <see cref="KeyColumn"/> is the primary-key property's column, or
/// <see cref="SchemaMapper.ObjectIdColumn"/> for a class without a primary key.
/// </summary>
public sealed record ClassMapping(
    RealmClass Class,
    string Table,
    string KeyColumn,
    string KeySqlType,
    ImmutableArray<PropertyMapping> Properties,
    string? NameResolution)
{
    public bool Equals(ClassMapping? other) =>
        other is not null && Class.Equals(other.Class) && Table == other.Table && KeyColumn == other.KeyColumn &&
        KeySqlType == other.KeySqlType && NameResolution == other.NameResolution &&
        Properties.SequenceEqual(other.Properties);

    public override int GetHashCode() => HashCode.Combine(Class.Name, Table);
}
