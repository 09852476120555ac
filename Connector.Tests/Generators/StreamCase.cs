using System.Collections.Immutable;
using System.Text;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Generators;

/// <summary>
/// A random valid stream: the schema to bootstrap with and the transactions of one Realm path, versions strictly
/// increasing. The first transaction is the ADD_TYPE of every class of <see cref="InitialSchema"/> (a no-op for a
/// database bootstrapped from it, what teaches the reference model the schema).
/// </summary>
internal sealed record StreamCase(RealmSchemaModel InitialSchema, string RealmPath, ImmutableArray<AdapterTransaction> Transactions)
{
    public int InstructionCount => Transactions.Sum(t => t.Instructions.Length);

    public bool Equals(StreamCase? other) =>
        other is not null && InitialSchema.Equals(other.InitialSchema) && RealmPath == other.RealmPath && Transactions.SequenceEqual(other.Transactions);

    public override int GetHashCode() => HashCode.Combine(RealmPath, Transactions.Length);

    /// <summary>The schema as realm-js JSON, then each transaction as one journal line: a failing case's report.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("schema: ").Append(RealmSchemaWriter.ToJson(InitialSchema)).Append('\n');
        text.Append(Transactions.Length).Append(" transactions, ").Append(InstructionCount).Append(" instructions:\n");
        foreach (var transaction in Transactions)
        {
            text.Append(AdapterCodec.Encode(transaction)).Append('\n');
        }

        return text.ToString();
    }
}
