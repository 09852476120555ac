using System.Collections.Immutable;

namespace Connector.InitialLoad;

/// <summary>What an initial load wrote: objects per class (in load order), transactions, instructions, dropped links.</summary>
public sealed record InitialLoadSummary(
    ImmutableArray<KeyValuePair<string, long>> ObjectsPerClass, long Transactions, long Instructions, long DroppedLinks)
{
    public bool Equals(InitialLoadSummary? other) =>
        other is not null && ObjectsPerClass.SequenceEqual(other.ObjectsPerClass) && Transactions == other.Transactions &&
        Instructions == other.Instructions && DroppedLinks == other.DroppedLinks;

    public override int GetHashCode() => HashCode.Combine(Transactions, Instructions, DroppedLinks);
}
