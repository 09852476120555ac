using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>A whole dictionary (a JSON object), entries in their JSON order.</summary>
public sealed record DictionaryValue(ImmutableArray<KeyValuePair<string, RealmValue>> Entries) : RealmValue
{
    public bool Equals(DictionaryValue? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Length;
}
