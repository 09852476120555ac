using System.Collections.Immutable;
using System.Globalization;
using Connector.Adapter;
using Connector.Catalog;

namespace Connector.Applier;

/// <summary>What both databases' appliers record the same way: the reason of a schema growth, the dead letters of left-out objects.</summary>
public static class InboundRecords
{
    /// <summary>The reason recorded with a schema deployment that a transaction's ADD_TYPE/ADD_PROPERTIES caused.</summary>
    public static string Reason(long version) => string.Create(CultureInfo.InvariantCulture, $"ADD_TYPE/ADD_PROPERTIES in version {version}");

    /// <summary>The realmsync.DeadLetter row of each object left out of an applied transaction, at its first instruction.</summary>
    public static IReadOnlyList<DeadLetterRecord> RefusalRecords(int realmId, AdapterTransaction transaction, ImmutableArray<RefusedObject> refused)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (refused.IsEmpty)
        {
            return [];
        }

        var json = AdapterCodec.Encode(transaction);
        return [.. refused.Select(r => new DeadLetterRecord(
            realmId, transaction.Version, r.Instructions[0], string.Create(CultureInfo.InvariantCulture, $"version {transaction.Version}: {r.Error}"), json))];
    }
}
