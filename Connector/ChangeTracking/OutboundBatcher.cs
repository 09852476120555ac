using System.Collections.Immutable;
using Connector.Adapter;

namespace Connector.ChangeTracking;

/// <summary>
/// Cuts the instructions of a pass into outbound transactions of at most <c>size</c> instructions, versions
/// <c>firstVersion</c>, +1, ..., each carrying the pass's Change Tracking range. Completed transactions wait in
/// <see cref="Drain"/> so that the caller can write them between pages (a reader must be closed first).
/// </summary>
public sealed class OutboundBatcher
{
    public const int DefaultSize = 1000;

    private readonly string realmPath;
    private readonly int size;
    private readonly ChangeTrackingSource source;
    private readonly ImmutableArray<Instruction>.Builder pending;
    private readonly List<AdapterTransaction> completed = [];

    public OutboundBatcher(string realmPath, long firstVersion, ChangeTrackingSource source, int size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstVersion, 1);
        this.realmPath = realmPath;
        this.size = size;
        this.source = source;
        NextVersion = firstVersion;
        pending = ImmutableArray.CreateBuilder<Instruction>(size);
    }

    public long NextVersion { get; private set; }

    public long Instructions { get; private set; }

    public void Add(IEnumerable<Instruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        foreach (var instruction in instructions)
        {
            pending.Add(instruction);
            Instructions++;
            if (pending.Count == size)
            {
                Cut();
            }
        }
    }

    /// <summary>Ends the transaction under way, if it holds anything.</summary>
    public void Flush()
    {
        if (pending.Count > 0)
        {
            Cut();
        }
    }

    /// <summary>The transactions completed since the last call, in version order.</summary>
    public IReadOnlyList<AdapterTransaction> Drain()
    {
        var drained = completed.ToList();
        completed.Clear();
        return drained;
    }

    private void Cut() => completed.Add(new AdapterTransaction(realmPath, NextVersion++, pending.DrainToImmutable(), source));
}
