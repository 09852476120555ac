using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>LIST_* instructions as calls of the list's procedures; each keeps its place, since indexes depend on order.</summary>
public static class ListCalls
{
    public static PlannedCall Plan(MappingContext context, ClassMapping mapped, ListInstruction instruction, int index, string path, SchemaEvolution evolution)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(evolution);
        var property = MappingContext.Property(mapped, instruction.Property, path + ".property");
        evolution.RequireKnownAt(index, mapped.Class.Name, instruction.Property, path + ".property");
        if (property.Property is not { Collection: CollectionKind.List, Type: RealmPropertyType.Object })
        {
            throw new AdapterFormatException(
                $"'{mapped.Class.Name}.{instruction.Property}' is {property.Property.Shorthand}, not a list of objects; LIST_* instructions apply only to lists of objects",
                path + ".property");
        }

        var routines = context.Objects.Collections[property.ChildTable!];
        var table = context.Table(property.ChildTable!);
        var owner = new ScalarArgument("@owner", SqlColumnType.Parse(table.Columns[0].SqlType), IdentityConverter.Convert(instruction.Identity, mapped, path + ".identity", context.Provider));
        var (procedure, kind, listIndex, target) = instruction switch
        {
            ListInsertInstruction insert => (routines.ListInsert!, CallKind.ListInsert, insert.ListIndex, insert.ObjectIdentity),
            ListSetInstruction set => (routines.ListSet!, CallKind.ListSet, set.ListIndex, set.ObjectIdentity),
            ListEraseInstruction erase => (routines.ListErase!, CallKind.ListErase, erase.ListIndex, (RealmValue?)null),
            _ => (routines.ListClear!, CallKind.ListClear, -1L, null),
        };

        List<CallArgument> arguments = [owner];
        if (kind != CallKind.ListClear)
        {
            if (listIndex is < 0 or > int.MaxValue)
            {
                throw new AdapterFormatException($"list index {listIndex} is out of range", path + ".list_index");
            }

            arguments.Add(new ScalarArgument("@index", SqlColumnType.Parse("int"), (int)listIndex));
        }

        if (target is not null)
        {
            var targetClass = context.Class(property.Property.ObjectType!, path + ".object_identity");
            arguments.Add(new ScalarArgument("@target", SqlColumnType.Parse(table.Columns[2].SqlType), IdentityConverter.Convert(target, targetClass, path + ".object_identity", context.Provider)));
        }

        return new PlannedCall(procedure, kind, mapped.Class.Name, [.. arguments], index, index);
    }
}
