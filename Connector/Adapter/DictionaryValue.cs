using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>A whole dictionary (a JSON object), entries in their JSON order.</summary>
public sealed record DictionaryValue(ImmutableArray<KeyValuePair<string, RealmValue>> Entries) : RealmValue
{
    /// <summary>
    /// A dictionary nested in a mixed value, written tagged as <c>["dictionary", {...}]</c>; false for the value of a
    /// dictionary property (and for <c>values</c> itself), a plain JSON object.
    /// </summary>
    public bool InMixed { get; init; }

    public bool Equals(DictionaryValue? other) => other is not null && InMixed == other.InMixed && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Length;
}
