using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.Tests.Model;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Random VALID Adapter streams for the reference model (issue 10, section 1). CsCheck generates a schema and a list
/// of intents (a kind, a small pick, a seed), and <see cref="Interpret"/> turns each intent into valid instructions
/// against the running state: objects named exist, new keys are new, list indexes are in range, embedded objects are
/// inserted before their owner links them. A shrunk intent list is interpreted the same way, so it is still valid.
/// Against a database's options (<see cref="ModelOptions.SqlServer"/>, <see cref="ModelOptions.Postgres"/>) the state
/// follows that database's model: a transaction it refuses (a value it cannot hold) leaves the state unchanged, so
/// later transactions stay valid for it.
/// </summary>
internal static class ValidStreams
{
    /// <summary>One intent: <see cref="Kind"/> 0-99 chooses the instruction by weight, <see cref="Pick"/> the class or object, <see cref="Seed"/> the rest.</summary>
    internal sealed record Intent(int Kind, int Pick, uint Seed);

    private static readonly string[] RealmPaths = ["/0123abcd/private", "/default", "/ünï/😀 path", "/a'b/[c]--;"];

    private static readonly Gen<Intent[][]> Intents =
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 15], Gen.UInt, (kind, pick, seed) => new Intent(kind, pick, seed)).Array[1, TransactionBuilder.MaxInstructions].Array[1, 12];

    /// <summary>Streams valid for Realm: every transaction applies to <c>new RealmModel(ModelOptions.Realm)</c>.</summary>
    public static Gen<StreamCase> Realm { get; } = For(ModelOptions.Realm);

    /// <summary>Streams generated against <paramref name="target"/>'s model, schemas within <paramref name="limits"/>.</summary>
    public static Gen<StreamCase> For(ModelOptions target, SchemaLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var schemaLimits = limits ?? SchemaLimits.All;
        return Gen.Select(RealmSchemas.Schema, Gen.Int[0, RealmPaths.Length - 1], Intents,
            (schema, path, intents) => Interpret(schemaLimits.Apply(schema), RealmPaths[path], intents, target, schemaLimits));
    }

    /// <summary>
    /// Streams of many Realm paths over ONE schema (a partitioned mapping's paths, issue 12): the same initial schema, an
    /// intent list per path, without schema growth (two paths' growths could contradict each other, which the model of
    /// one path cannot know; growth from one path is tested on its own).
    /// </summary>
    public static Gen<IReadOnlyList<StreamCase>> Partitioned(ModelOptions target, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Gen.Select(RealmSchemas.Schema, Intents.Array[paths.Count], (schema, intents) =>
            (IReadOnlyList<StreamCase>)[.. paths.Select((path, i) => Interpret(schema, path, [.. intents[i].Select(t => t.Select(NoGrowth).ToArray())], target, SchemaLimits.All))]);
    }

    private static Intent NoGrowth(Intent intent) => intent.Kind >= 92 ? intent with { Kind = intent.Kind - 92 } : intent;

    /// <summary><paramref name="count"/> cases, the same for the same <paramref name="seed"/>, without CsCheck's runner.</summary>
    public static IReadOnlyList<StreamCase> Cases(int count, ulong seed, ModelOptions? target = null, SchemaLimits? limits = null)
    {
        var gen = For(target ?? ModelOptions.Realm, limits);
        var pcg = new PCG(1, seed);
        return [.. Enumerable.Range(0, count).Select(_ => gen.Generate(pcg, null!, out Size _))];
    }

    public static StreamCase Interpret(RealmSchemaModel schema, string realmPath, Intent[][] intents, ModelOptions target, SchemaLimits limits)
    {
        var state = new StreamState(target);
        var builder = new TransactionBuilder(state);
        var version = 1L;
        var schemaTransaction = new AdapterTransaction(realmPath, version, [.. schema.Classes.Select(AddTypeInstruction.Of)]);
        state.Begin();
        schemaTransaction.Instructions.ToList().ForEach(state.Apply);
        state.Commit(schemaTransaction);
        var transactions = ImmutableArray.CreateBuilder<AdapterTransaction>();
        transactions.Add(schemaTransaction);
        foreach (var transactionIntents in intents)
        {
            state.Begin();
            foreach (var intent in transactionIntents.TakeWhile(_ => builder.Room > 0))
            {
                builder.Seed(intent.Seed);
                StreamIntents.Apply(builder, intent, limits);
            }

            if (builder.Count == 0)
            {
                StreamObjects.Insert(builder, state.Classes.First(c => c.Kind == ClassKind.TopLevel)); // A transaction is never empty.
            }

            version += 1 + (transactionIntents[0].Seed % 3);
            var transaction = new AdapterTransaction(realmPath, version, builder.Take());
            state.Commit(transaction);
            transactions.Add(transaction);
        }

        return new StreamCase(schema, realmPath, transactions.ToImmutable());
    }
}
