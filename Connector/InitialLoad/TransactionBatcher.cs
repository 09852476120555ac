using System.Collections.Immutable;
using Connector.Adapter;

namespace Connector.InitialLoad;

/// <summary>
/// Cuts a stream of instructions into transactions of at most <c>size</c> instructions, versions 1, 2, 3...,
/// handing each on as soon as it is full so that no more than one transaction is ever held.
/// </summary>
internal sealed class TransactionBatcher(string realmPath, int size, Action<AdapterTransaction> emit)
{
    private readonly ImmutableArray<Instruction>.Builder pending = ImmutableArray.CreateBuilder<Instruction>(size);

    public long Transactions { get; private set; }

    public long Instructions { get; private set; }

    public void Add(Instruction instruction)
    {
        pending.Add(instruction);
        Instructions++;
        if (pending.Count == size)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (pending.Count > 0)
        {
            emit(new AdapterTransaction(realmPath, ++Transactions, pending.DrainToImmutable()));
        }
    }
}
