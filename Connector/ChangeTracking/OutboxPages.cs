using Connector.Adapter;

namespace Connector.ChangeTracking;

/// <summary>
/// A pass's instructions on their way to the outbox, on either database: converters add a page's instructions to
/// <see cref="Buffer"/>; at the end of the page (its reader closed) they go to the batcher, and every transaction it
/// completed is written at once, so memory holds a page and a transaction at most.
/// </summary>
public sealed class OutboxPages(OutboundBatcher batcher, Func<AdapterTransaction, CancellationToken, Task> write)
{
    public List<Instruction> Buffer { get; } = [];

    public OutboundBatcher Batcher => batcher;

    /// <summary>The outbound transactions written so far.</summary>
    public int Transactions { get; private set; }

    /// <summary>The outbound version of the first transaction written.</summary>
    public long FirstVersion => batcher.NextVersion - Transactions;

    /// <summary>Hands the page's instructions to the batcher and writes the transactions it completed.</summary>
    public async Task EndPageAsync(CancellationToken cancellationToken)
    {
        batcher.Add(Buffer);
        Buffer.Clear();
        await WriteCompletedAsync(cancellationToken);
    }

    /// <summary>The last page, then the transaction under way, written.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        batcher.Add(Buffer);
        Buffer.Clear();
        batcher.Flush();
        await WriteCompletedAsync(cancellationToken);
    }

    private async Task WriteCompletedAsync(CancellationToken cancellationToken)
    {
        foreach (var outbound in batcher.Drain())
        {
            await write(outbound, cancellationToken);
            Transactions++;
        }
    }
}
