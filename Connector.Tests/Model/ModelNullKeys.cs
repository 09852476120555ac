using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// <see cref="NullKeys.Refuse"/>: the rule of <c>Connector/Applier/NullKeyRefusals.cs</c>, restated on the model. An
/// instruction is left out when it names the null-keyed object of a class with an optional key (its INSERT, SETs,
/// DELETE, the LIST_* of its lists, a LIST_INSERT or LIST_SET whose element it is), or is a later LIST_* on a list
/// that lost such an element in this transaction (its indexes count the element that was left out).
/// </summary>
internal sealed class ModelNullKeys
{
    private readonly Dictionary<(string Class, RealmValue Owner, string Property), string> tainted = [];

    /// <summary>The class of the null-keyed object <paramref name="instruction"/> names, or null to apply it.</summary>
    public string? Refusal(ModelState state, Instruction instruction)
    {
        if (instruction is not (InsertInstruction or SetInstruction or DeleteInstruction or ListInstruction) ||
            !state.Classes.TryGetValue(instruction.ObjectType, out var realmClass))
        {
            return null;
        }

        if (((ObjectInstruction)instruction).Identity is NullValue && HasNullableKey(realmClass))
        {
            return realmClass.Name;
        }

        if (instruction is not ListInstruction list)
        {
            return null;
        }

        var listKey = (realmClass.Name, list.Identity, list.Property);
        if (tainted.TryGetValue(listKey, out var earlier))
        {
            return earlier;
        }

        var element = list switch
        {
            ListInsertInstruction insert => insert.ObjectIdentity,
            ListSetInstruction set => set.ObjectIdentity,
            _ => null,
        };
        if (element is NullValue && realmClass.Find(list.Property) is { Type: RealmPropertyType.Object, ObjectType: { } target } &&
            state.Classes.TryGetValue(target, out var targetClass) && HasNullableKey(targetClass))
        {
            tainted[listKey] = targetClass.Name;
            return targetClass.Name;
        }

        return null;
    }

    private static bool HasNullableKey(RealmClass realmClass) => realmClass.PrimaryKeyProperty is { Optional: true };
}
