using Connector.Adapter;
using Connector.Applier;
using Connector.Configuration;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// The other half of a conflict with an SQL delete, for a transaction that failed on a missing object (a SET of it, a
/// LIST_* or collection replace of its lists): a delete a capture already took (a pass, <c>run</c>'s capture loop, or
/// another Realm's probe of the same partitioned mapping) is no longer in the slot, so the probe cannot find it; it is
/// in the Realm's own outbox. If the latest instruction the outbox holds for that object is its DELETE, Realm made its
/// change before it received that delete: a conflict with it, resolved by the policy like one the probe finds, rather
/// than bad input. A CLEAR of its class (a reload: CLEAR, then every row) says the object did not exist after it, so
/// it ends the search without a conflict. Only objects missing from the table are looked up, and only the newest
/// <see cref="OutboxLimit"/> outbound transactions are read.
/// </summary>
internal static class PgSentDeletes
{
    public const int OutboxLimit = 1000;

    /// <param name="deployed">The mapping in force as the transaction sees it (per-Realm views for a partitioned mapping): the tables that exist.</param>
    public static async Task MatchAsync(
        NpgsqlConnection connection, SchemaMapping deployed, TransactionPlan plan, int realmId, PgConflictProbe probe, CancellationToken cancellationToken)
    {
        var touches = ConflictKeys.Of(MappingContext.For(plan.Mapping), plan)
            .Where(t => t.Kind is CallKind.Update or CallKind.Replace or CallKind.ListInsert or CallKind.ListSet or CallKind.ListErase or CallKind.ListClear)
            .Where(t => deployed.Tables.Any(d => d.Name == t.Mapped.Table))
            .ToList();
        var missing = new Dictionary<(string Class, string Key), ClassMapping>();
        foreach (var byClass in touches.GroupBy(t => t.Mapped.Class.Name, StringComparer.Ordinal))
        {
            var mapped = byClass.First().Mapped;
            var keys = byClass.SelectMany(t => t.Keys).Select(PgConflictProbe.Text).Distinct(StringComparer.Ordinal).ToList();
            foreach (var key in await PgConflictProbe.GoneAsync(connection, deployed, deployed.Tables.First(d => d.Name == mapped.Table), keys, cancellationToken))
            {
                missing[(mapped.Class.Name, key)] = mapped;
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        foreach (var ((className, key), change) in await LatestDeletesAsync(connection, realmId, missing, cancellationToken))
        {
            foreach (var touch in touches.Where(t => t.Mapped.Class.Name == className && t.Keys.Any(k => PgConflictProbe.Text(k) == key)))
            {
                probe.Record(touch.Table, key, change);
            }
        }
    }

    /// <summary>For each missing object, its DELETE when that is the latest instruction the Realm's outbox holds for it (a CLEAR of its class, or an instruction on it, ends the search).</summary>
    private static async Task<Dictionary<(string Class, string Key), SqlChange>> LatestDeletesAsync(
        NpgsqlConnection connection, int realmId, Dictionary<(string Class, string Key), ClassMapping> missing, CancellationToken cancellationToken)
    {
        var open = new HashSet<(string, string)>(missing.Keys);
        var deletes = new Dictionary<(string, string), SqlChange>();
        await foreach (var sent in new PgOutboxStore(connection).ReadLatestAsync(realmId, OutboxLimit, cancellationToken))
        {
            var version = sent.Source?.ChangeTrackingTo ?? 0;
            foreach (var instruction in sent.Instructions.Reverse())
            {
                foreach (var target in open.Where(o => Names(instruction, o, missing[o])).ToList())
                {
                    open.Remove(target);
                    if (instruction is DeleteInstruction)
                    {
                        deletes[target] = new SqlChange(version, "D");
                    }
                }
            }

            if (open.Count == 0)
            {
                break;
            }
        }

        return deletes;
    }

    /// <summary>Whether the instruction says what became of the object: a CLEAR of its class, or an instruction on it.</summary>
    private static bool Names(Instruction instruction, (string Class, string Key) target, ClassMapping mapped) => instruction switch
    {
        ClearInstruction clear => clear.ObjectType == target.Class,
        ObjectInstruction on when on.ObjectType == target.Class => SameKey(on.Identity, target.Key, mapped),
        ListInstruction list when list.ObjectType == target.Class => SameKey(list.Identity, target.Key, mapped),
        _ => false,
    };

    private static bool SameKey(RealmValue identity, string key, ClassMapping mapped)
    {
        try
        {
            return PgConflictProbe.Text(IdentityConverter.Convert(identity, mapped, "$", DatabaseProvider.Postgres)) == key;
        }
        catch (AdapterFormatException)
        {
            return false;
        }
    }
}
