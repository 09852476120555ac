using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>A whole list or set of values (a JSON array that is not a tagged value).</summary>
public sealed record ListValue(ImmutableArray<RealmValue> Items) : RealmValue
{
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}
