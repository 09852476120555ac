using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;

namespace Connector.Applier;

/// <summary>
/// The realmsync.Conflict rows of one transaction's conflicts: where the Realm change is (the instruction), whom it
/// names, what it was, and the SQL change it met.
/// </summary>
public sealed class ConflictRecords(MappingContext context, AdapterTransaction transaction, int realmId, ConflictPolicy policy)
{
    private readonly string _policy = ApplierOptions.PolicyText(policy);

    /// <summary>An object an INSERT, SET or DELETE group names; the Realm values are those of every instruction on it in the group.</summary>
    public ConflictRecord Object(PlannedCall call, object?[] row, int keyAt, SqlChange change)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(change);
        var matching = Matching(call, row[keyAt]!);
        var index = keyAt == 1 ? (int)row[0]! : matching.Count > 0 ? matching[0].Index : call.FirstInstruction;
        var values = matching
            .SelectMany(m => Values(m.Instruction).Entries)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToImmutableArray();
        var realmValues = call.Kind == CallKind.Delete ? null : AdapterValueWriter.ToJson(new DictionaryValue(values));
        return Record(index, call, Identity(matching), change, realmValues, null);
    }

    /// <summary>
    /// A collection a replace rewrites: at the last instruction of the group that set it, with its Realm value, and
    /// SQL's collection as it stood (<see cref="SqlChange.Values"/>), which realm-wins overwrites.
    /// </summary>
    public ConflictRecord Collection(PlannedCall call, object owner, SqlChange change)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(change);
        var property = context.CollectionProperty(context.FindClass(call.ClassName)!, call.Procedure).Property.Name;
        var setting = Matching(call, owner).Where(m => Values(m.Instruction).Find(property) is not null).ToList();
        var index = setting.Count > 0 ? setting[^1].Index : call.FirstInstruction;
        var realmValues = setting.Count > 0
            ? AdapterValueWriter.ToJson(new DictionaryValue([KeyValuePair.Create(property, Values(setting[^1].Instruction).Find(property)!)]))
            : null;
        return Record(index, call, Identity(setting), change, realmValues, change.Values);
    }

    /// <summary>A LIST_* on an object SQL deleted: the edit is the instruction itself, so no values.</summary>
    public ConflictRecord List(PlannedCall call, SqlChange change)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(change);
        var identity = transaction.Instructions[call.FirstInstruction] is ObjectInstruction instruction ? AdapterValueWriter.ToJson(instruction.Identity) : "null";
        return Record(call.FirstInstruction, call, identity, change, null, null);
    }

    private ConflictRecord Record(int index, PlannedCall call, string identity, SqlChange change, string? realmValues, string? sqlValues) =>
        new(realmId, transaction.Version, index, call.ClassName, identity, _policy, change.Version, realmValues, sqlValues);

    private static string Identity(List<(int Index, ObjectInstruction Instruction)> matching) =>
        matching.Count > 0 ? AdapterValueWriter.ToJson(matching[0].Instruction.Identity) : "null";

    private static PropertyValues Values(ObjectInstruction instruction) => instruction switch
    {
        InsertInstruction x => x.Values,
        SetInstruction x => x.Values,
        _ => PropertyValues.Empty,
    };

    /// <summary>The INSERT, SET and DELETE instructions of the call's range that name the object <paramref name="key"/>.</summary>
    private List<(int Index, ObjectInstruction Instruction)> Matching(PlannedCall call, object key)
    {
        var mapped = context.FindClass(call.ClassName)!;
        var found = new List<(int, ObjectInstruction)>();
        for (var i = call.FirstInstruction; i <= call.LastInstruction && i < transaction.Instructions.Length; i++)
        {
            if (transaction.Instructions[i] is ObjectInstruction { } instruction && instruction.ObjectType == call.ClassName &&
                instruction is InsertInstruction or SetInstruction or DeleteInstruction &&
                instruction.Identity is not NullValue && // a null-keyed object's instructions were left out of the plan (NullKeyRefusals)
                KeyComparer.Instance.Equals(IdentityConverter.Convert(instruction.Identity, mapped, "$"), key))
            {
                found.Add((i, instruction));
            }
        }

        return found;
    }
}
