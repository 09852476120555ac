using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// The pure half of conflict handling: given, per call, the keys SQL changed since they were last sent to Realm,
/// applies the policy. Deterministic: the plan's call and row order decide the order of everything.
/// </summary>
public static class ConflictResolver
{
    public static ConflictResolution Resolve(
        TransactionPlan plan, AdapterTransaction transaction, int realmId,
        IReadOnlyDictionary<int, IReadOnlyDictionary<object, SqlChange>> changesByCall, ConflictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(changesByCall);
        if (changesByCall.Count == 0)
        {
            return ConflictResolution.None(plan);
        }

        var context = new MappingContext(plan.Mapping);
        var calls = ImmutableArray.CreateBuilder<PlannedCall>();
        var records = ImmutableArray.CreateBuilder<ConflictRecord>();
        var tolerated = new HashSet<int>();
        var dropped = new Dictionary<(string, int), HashSet<object>>();
        for (var i = 0; i < plan.Calls.Length; i++)
        {
            var call = plan.Calls[i];
            if (changesByCall.TryGetValue(i, out var changes) && changes.Count > 0)
            {
                var mapped = context.FindClass(call.ClassName)!;
                var table = (TableArgument)call.Arguments[0];
                var keyAt = call.Kind == CallKind.Delete ? 0 : 1;
                var kept = new List<object?[]>();
                var lost = new HashSet<object>(KeyComparer.Instance);
                foreach (var row in table.Rows)
                {
                    if (!changes.TryGetValue(row[keyAt]!, out var change))
                    {
                        kept.Add(row);
                        continue;
                    }

                    records.Add(Record(transaction, realmId, call, mapped, row, keyAt, change, policy));
                    if (policy == ConflictPolicy.SqlWins)
                    {
                        lost.Add(row[keyAt]!);
                        continue;
                    }

                    if (change.IsDelete && call.Kind == CallKind.Update)
                    {
                        tolerated.Add((int)row[0]!);
                    }

                    kept.Add(row);
                }

                dropped[(call.ClassName, call.FirstInstruction)] = lost;
                if (lost.Count == 0)
                {
                    calls.Add(call);
                }
                else if (kept.Count > 0)
                {
                    calls.Add(call with { Arguments = [table with { Rows = kept }, .. call.Arguments.Skip(1)] });
                }
            }
            else if (call.Kind == CallKind.Replace && dropped.TryGetValue((call.ClassName, call.FirstInstruction), out var lost) && lost.Count > 0)
            {
                // The collections set by the same INSERT/SET group: the owners that lost keep SQL's collections.
                calls.Add(call with { Arguments = [.. call.Arguments.Select(a => WithoutOwners((TableArgument)a, lost))] });
            }
            else
            {
                calls.Add(call);
            }
        }

        return new ConflictResolution(plan with { Calls = calls.ToImmutable() }, records.ToImmutable(), tolerated);
    }

    private static TableArgument WithoutOwners(TableArgument argument, HashSet<object> owners) =>
        argument with { Rows = [.. argument.Rows.Where(r => !owners.Contains(r[0]!))] };

    private static ConflictRecord Record(
        AdapterTransaction transaction, int realmId, PlannedCall call, ClassMapping mapped, object?[] row, int keyAt, SqlChange change, ConflictPolicy policy)
    {
        var matching = Matching(transaction, call, mapped, row[keyAt]!);
        var index = keyAt == 1 ? (int)row[0]! : matching.Count > 0 ? matching[0].Index : call.FirstInstruction;
        var identity = matching.Count > 0 ? AdapterValueWriter.ToJson(matching[0].Instruction.Identity) : "null";
        var values = matching
            .SelectMany(m => m.Instruction switch { InsertInstruction x => x.Values.Entries, SetInstruction x => x.Values.Entries, _ => [] })
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToImmutableArray();
        var realmValues = call.Kind == CallKind.Delete ? null : AdapterValueWriter.ToJson(new DictionaryValue(values));
        return new ConflictRecord(realmId, transaction.Version, index, call.ClassName, identity, ApplierOptions.PolicyText(policy), change.Version, realmValues, null);
    }

    /// <summary>The object instructions of the call's range that name the object <paramref name="key"/>.</summary>
    private static List<(int Index, ObjectInstruction Instruction)> Matching(AdapterTransaction transaction, PlannedCall call, ClassMapping mapped, object key)
    {
        var found = new List<(int, ObjectInstruction)>();
        for (var i = call.FirstInstruction; i <= call.LastInstruction && i < transaction.Instructions.Length; i++)
        {
            if (transaction.Instructions[i] is ObjectInstruction { } instruction && instruction.ObjectType == call.ClassName &&
                instruction is InsertInstruction or SetInstruction or DeleteInstruction &&
                KeyComparer.Instance.Equals(IdentityConverter.Convert(instruction.Identity, mapped, "$"), key))
            {
                found.Add((i, instruction));
            }
        }

        return found;
    }
}
