using System.Collections.Immutable;

namespace Connector.RealmSchema;

public sealed record RealmClass(
    string Name,
    ImmutableArray<RealmProperty> Properties,
    string? PrimaryKey = null,
    ClassKind Kind = ClassKind.TopLevel)
{
    public RealmProperty? Find(string propertyName)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, propertyName, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    public RealmProperty? PrimaryKeyProperty => PrimaryKey is null ? null : Find(PrimaryKey);

    public bool Equals(RealmClass? other) =>
        other is not null && Name == other.Name && PrimaryKey == other.PrimaryKey && Kind == other.Kind &&
        Properties.SequenceEqual(other.Properties);

    public override int GetHashCode() => HashCode.Combine(Name, PrimaryKey, Kind, Properties.Length);
}
