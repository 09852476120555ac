using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Generators;

/// <summary>
/// LIST_INSERT (index 0 to count), LIST_SET and LIST_ERASE (0 to count - 1) and LIST_CLEAR on an existing object's list
/// of objects; an element is an object that exists (the null-keyed one included: Realm lists may hold it) or, for a
/// list of embedded objects, a new one inserted just before.
/// </summary>
internal static class StreamLists
{
    public static void Apply(TransactionBuilder builder, ValidStreams.Intent intent)
    {
        var state = builder.State;
        var lists = StreamIntents.Objects(state, state.Classes)
            .SelectMany(o => o.Class.Properties.Where(p => p is { IsLink: true, Collection: CollectionKind.List }).Select(p => (o.Class, o.Identity, Property: p)))
            .ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var (owner, identity, property) = StreamIntents.Pick(lists, intent.Pick);
        var count = state.ListCount(owner.Name, identity, property.Name);
        switch (intent.Kind)
        {
            case < 77 when count > 0 && intent.Kind >= 72:
                if (Element(builder, property) is { } replacement)
                {
                    builder.Emit(new ListSetInstruction(owner.Name, identity, property.Name, builder.Next(count), replacement));
                }

                break;
            case >= 77 and < 82 when count > 0:
                builder.Emit(new ListEraseInstruction(owner.Name, identity, property.Name, builder.Next(count)));
                break;
            case >= 82:
                builder.Emit(new ListClearInstruction(owner.Name, identity, property.Name));
                break;
            default:
                if (Element(builder, property) is { } element)
                {
                    builder.Emit(new ListInsertInstruction(owner.Name, identity, property.Name, builder.Next(count + 1), element));
                }

                break;
        }
    }

    private static RealmValue? Element(TransactionBuilder builder, RealmProperty property)
    {
        var target = builder.State.Work.Classes[property.ObjectType!];
        if (target.Kind == ClassKind.Embedded)
        {
            return StreamObjects.NewEmbedded(builder, target, depth: 0);
        }

        var objects = builder.State.Objects(target.Name);
        return objects.Count == 0 ? null : builder.Pick(objects);
    }
}
