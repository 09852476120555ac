using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>LIST_INSERT, LIST_SET, LIST_ERASE and LIST_CLEAR on a list of objects; an index out of range is bad input.</summary>
internal static class ModelLists
{
    public static void Apply(ModelState state, ListInstruction instruction)
    {
        var owner = state.Object(instruction.ObjectType, instruction.Identity);
        var property = state.Class(instruction.ObjectType).Find(instruction.Property);
        if (property is not { Type: RealmPropertyType.Object, Collection: CollectionKind.List, ObjectType: { } target })
        {
            throw new ModelInputException($"class '{instruction.ObjectType}' has no list of objects '{instruction.Property}'");
        }

        var items = owner.TryGetValue(property.Name, out var stored) ? ((ListValue)stored).Items : [];
        owner[property.Name] = new ListValue(instruction switch
        {
            ListInsertInstruction insert => items.Insert(Index(insert.ListIndex, items.Length + 1, insert), Element(state, target, insert.ObjectIdentity)),
            ListSetInstruction set => items.SetItem(Index(set.ListIndex, items.Length, set), Element(state, target, set.ObjectIdentity)),
            ListEraseInstruction erase => items.RemoveAt(Index(erase.ListIndex, items.Length, erase)),
            ListClearInstruction => [],
            _ => throw new ModelInputException($"unknown list instruction {instruction.GetType().Name}"),
        });
    }

    private static int Index(long index, long limit, ListInstruction instruction) =>
        index >= 0 && index < limit
            ? (int)index
            : throw new ModelInputException(
                $"{ModelState.Describe(instruction.ObjectType, instruction.Identity)}.{instruction.Property}: list index {index} is out of range (0 to {limit - 1})");

    private static RealmValue Element(ModelState state, string target, RealmValue identity) =>
        state.Exists(target, identity) ? identity : throw new ModelInputException($"list element {ModelState.Describe(target, identity)} does not exist");
}
