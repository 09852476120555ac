using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.Applier;

/// <summary>The small corpus schema (Person, Dog) mapped into schema app, and transactions planned against it.</summary>
public static class ApplierFixture
{
    public static SchemaMapping Small { get; } =
        SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");

    public static AdapterTransaction Transaction(long version, params string[] instructions) =>
        AdapterCodec.Decode($$"""{"realm_path": "/small", "version": {{version}}, "instructions": [{{string.Join(", ", instructions)}}]}""");

    public static TransactionPlan Plan(AdapterTransaction transaction) => TransactionPlanner.Plan(transaction, Small);
}
