using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>The <c>values</c> of an INSERT or SET: property name to value, in JSON order, names unique.</summary>
public sealed record PropertyValues(ImmutableArray<KeyValuePair<string, RealmValue>> Entries)
{
    public static PropertyValues Empty { get; } = new(ImmutableArray<KeyValuePair<string, RealmValue>>.Empty);

    public int Count => Entries.Length;

    public RealmValue? Find(string propertyName)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, propertyName, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public bool Equals(PropertyValues? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Length;
}
