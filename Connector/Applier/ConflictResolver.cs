using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;

namespace Connector.Applier;

/// <summary>
/// The pure half of conflict handling: given, per call, the keys SQL changed since they were last sent to Realm,
/// applies the policy. Deterministic: the plan's call and row order decide the order of everything.
/// <list type="bullet">
/// <item>An object an INSERT, SET or DELETE names: sql-wins drops the Realm change (and the collections the same
/// group sets on it); realm-wins applies it. A SET on an object SQL deleted changes nothing under realm-wins (its
/// missing object is tolerated, not bad input) and its collections are not written: they would have no owner.</item>
/// <item>A collection a replace rewrites whole, when SQL changed one of its elements: sql-wins keeps SQL's collection
/// (the owner leaves the replace); realm-wins replaces it, and the record keeps SQL's collection as it was.</item>
/// <item>A LIST_* on an object SQL deleted (and no earlier INSERT of the transaction re-created): under either
/// policy the edit has nothing to apply to and is dropped, as a SET on a deleted object changes nothing.</item>
/// </list>
/// Every conflict is recorded (realmsync.Conflict); the rest of the transaction applies.
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

        var pass = new Pass(new ConflictRecords(MappingContext.For(plan.Mapping), transaction, realmId, policy), policy);
        for (var i = 0; i < plan.Calls.Length; i++)
        {
            pass.Add(plan.Calls[i], changesByCall.GetValueOrDefault(i));
        }

        return new ConflictResolution(plan with { Calls = pass.Calls.ToImmutable() }, pass.Records.ToImmutable(), pass.Tolerated);
    }

    private sealed class Pass(ConflictRecords records, ConflictPolicy policy)
    {
        /// <summary>Per INSERT/SET group (class, first instruction): the owners whose collections the group must not write.</summary>
        private readonly Dictionary<(string, int), HashSet<object>> _withoutCollections = [];

        /// <summary>Per class: the objects a kept INSERT of the transaction writes, so that they exist for a later LIST_*.</summary>
        private readonly Dictionary<string, HashSet<object>> _inserted = new(StringComparer.Ordinal);

        public ImmutableArray<PlannedCall>.Builder Calls { get; } = ImmutableArray.CreateBuilder<PlannedCall>();

        public ImmutableArray<ConflictRecord>.Builder Records { get; } = ImmutableArray.CreateBuilder<ConflictRecord>();

        public HashSet<int> Tolerated { get; } = [];

        public void Add(PlannedCall call, IReadOnlyDictionary<object, SqlChange>? changes)
        {
            switch (call.Kind)
            {
                case CallKind.Upsert or CallKind.Update or CallKind.Delete:
                    Objects(call, changes);
                    break;
                case CallKind.Replace:
                    Replace(call, changes);
                    break;
                case CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear:
                    List(call, changes);
                    break;
                default:
                    Calls.Add(call);
                    break;
            }
        }

        private void Objects(PlannedCall call, IReadOnlyDictionary<object, SqlChange>? changes)
        {
            var table = (TableArgument)call.Arguments[0];
            var keyAt = call.Kind == CallKind.Delete ? 0 : 1;
            if (changes is null)
            {
                Keep(call, table.Rows, keyAt);
                return;
            }

            var kept = new List<object?[]>();
            var withoutCollections = new HashSet<object>(KeyComparer.Instance);
            foreach (var row in table.Rows)
            {
                if (!changes.TryGetValue(row[keyAt]!, out var change))
                {
                    kept.Add(row);
                    continue;
                }

                Records.Add(records.Object(call, row, keyAt, change));
                if (policy == ConflictPolicy.SqlWins)
                {
                    withoutCollections.Add(row[keyAt]!);
                    continue;
                }

                if (change.IsDelete && call.Kind == CallKind.Update)
                {
                    Tolerated.Add((int)row[0]!);
                    withoutCollections.Add(row[keyAt]!);
                }

                kept.Add(row);
            }

            _withoutCollections[(call.ClassName, call.FirstInstruction)] = withoutCollections;
            if (kept.Count == table.Rows.Count)
            {
                Keep(call, table.Rows, keyAt);
            }
            else if (kept.Count > 0)
            {
                Keep(call with { Arguments = [table with { Rows = kept }, .. call.Arguments.Skip(1)] }, kept, keyAt);
            }
        }

        /// <summary>Runs <paramref name="call"/>; the objects an INSERT writes exist for the LIST_* edits after it.</summary>
        private void Keep(PlannedCall call, IReadOnlyList<object?[]> rows, int keyAt)
        {
            Calls.Add(call);
            if (call.Kind == CallKind.Upsert)
            {
                Inserted(call.ClassName).UnionWith(rows.Select(r => r[keyAt]!));
            }
        }

        private void Replace(PlannedCall call, IReadOnlyDictionary<object, SqlChange>? changes)
        {
            var dropped = new HashSet<object>(
                _withoutCollections.GetValueOrDefault((call.ClassName, call.FirstInstruction)) ?? [], KeyComparer.Instance);
            foreach (var owner in ((TableArgument)call.Arguments[0]).Rows.Select(r => r[0]!))
            {
                if (dropped.Contains(owner) || changes is null || !changes.TryGetValue(owner, out var change))
                {
                    continue;
                }

                Records.Add(records.Collection(call, owner, change));
                if (policy == ConflictPolicy.SqlWins)
                {
                    dropped.Add(owner);
                }
            }

            if (dropped.Count == 0)
            {
                Calls.Add(call);
                return;
            }

            // @owners and @items both start with the owner key.
            var arguments = call.Arguments.Select(a => (CallArgument)WithoutOwners((TableArgument)a, dropped)).ToImmutableArray();
            if (((TableArgument)arguments[0]).Rows.Count > 0)
            {
                Calls.Add(call with { Arguments = arguments });
            }
        }

        private void List(PlannedCall call, IReadOnlyDictionary<object, SqlChange>? changes)
        {
            var owner = ((ScalarArgument)call.Arguments[0]).Value!;
            if (changes is not null && changes.TryGetValue(owner, out var change) && change.IsDelete && !Inserted(call.ClassName).Contains(owner))
            {
                Records.Add(records.List(call, change));
                return;
            }

            Calls.Add(call);
        }

        private HashSet<object> Inserted(string className)
        {
            if (!_inserted.TryGetValue(className, out var keys))
            {
                _inserted[className] = keys = new HashSet<object>(KeyComparer.Instance);
            }

            return keys;
        }

        private static TableArgument WithoutOwners(TableArgument argument, HashSet<object> owners) =>
            argument with { Rows = [.. argument.Rows.Where(r => !owners.Contains(r[0]!))] };
    }
}
