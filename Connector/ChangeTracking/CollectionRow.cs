using Connector.SqlServer.ChangeTracking;

namespace Connector.ChangeTracking;

/// <summary>The columns of a collection row (<see cref="ChangeTrackingQueries.CollectionChanges"/>), by ordinal.</summary>
public static class CollectionRow
{
    public const int Owner = 0;

    /// <summary>The owner's key in its class table: null when the owner no longer exists (its DELETE covers the collection).</summary>
    public const int OwnerPresent = 1;

    /// <summary>The position, or the dictionary key: null when the owner's collection is empty.</summary>
    public const int Order = 2;

    public const int Element = 3;
}
