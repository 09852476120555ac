using Connector.Adapter;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// One transaction being built from intents: the instructions so far (each applied to <see cref="State"/> as it is
/// added) and the random source of the intent being interpreted, seeded by the intent so that a stream is a pure
/// function of its schema and intents.
/// </summary>
internal sealed class TransactionBuilder(StreamState state)
{
    /// <summary>ADAPTER-PROTOCOL.md streams come in transactions of 1 to 10 instructions here.</summary>
    public const int MaxInstructions = 10;

    private readonly List<Instruction> instructions = [];
    private PCG pcg = new(1, 0);

    public StreamState State => state;

    public int Count => instructions.Count;

    /// <summary>How many instructions may still be added.</summary>
    public int Room => MaxInstructions - instructions.Count;

    public void Seed(uint seed) => pcg = new PCG(7, seed);

    public T Draw<T>(Gen<T> gen) => gen.Generate(pcg, null!, out Size _);

    /// <summary>A whole number from 0 to <paramref name="count"/> - 1.</summary>
    public int Next(int count) => count <= 1 ? 0 : (int)pcg.Next((uint)count);

    /// <summary>True one time in <paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public void Emit(Instruction instruction)
    {
        state.Apply(instruction);
        instructions.Add(instruction);
    }

    public System.Collections.Immutable.ImmutableArray<Instruction> Take()
    {
        var taken = instructions.ToArray();
        instructions.Clear();
        return [.. taken];
    }
}
