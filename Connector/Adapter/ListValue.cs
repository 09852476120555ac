using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>A whole list or set of values (a JSON array that is not a tagged value).</summary>
public sealed record ListValue(ImmutableArray<RealmValue> Items) : RealmValue
{
    /// <summary>
    /// A list nested in a mixed value (Realm file format 24), written tagged as <c>["list", [...]]</c> so that a list
    /// of "date" and 5 is never read as a date; false for the value of a list or set property, a plain JSON array.
    /// </summary>
    public bool InMixed { get; init; }

    public bool Equals(ListValue? other) => other is not null && InMixed == other.InMixed && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}
