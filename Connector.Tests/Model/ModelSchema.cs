using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>ADD_TYPE and ADD_PROPERTIES on the model: classes grow, never shrink or change (ADAPTER-PROTOCOL.md section 2).</summary>
internal static class ModelSchema
{
    public static void Apply(ModelState state, SchemaInstruction instruction)
    {
        if (instruction is AddTypeInstruction add && !state.Classes.ContainsKey(add.ObjectType))
        {
            if (add.PrimaryKey is { } key && add.Properties.All(p => p.Name != key))
            {
                throw new ModelInputException($"ADD_TYPE '{add.ObjectType}': the primary key '{key}' is not one of its properties");
            }

            state.Classes[add.ObjectType] = new RealmClass(add.ObjectType, [], add.PrimaryKey, add.Kind);
            state.Objects[add.ObjectType] = [];
        }

        var existing = state.Class(instruction.ObjectType);
        if (instruction is AddTypeInstruction again && (again.PrimaryKey != existing.PrimaryKey || again.Contradicts(existing.Kind)))
        {
            // An ADD_TYPE re-sent for a known class changes nothing when it matches; a class cannot change key or kind.
            throw new ModelInputException($"ADD_TYPE '{again.ObjectType}' contradicts the class's primary key or kind");
        }

        state.Classes[existing.Name] = existing with { Properties = Grown(existing, instruction.Properties) };
    }

    private static ImmutableArray<RealmProperty> Grown(RealmClass realmClass, ImmutableArray<RealmProperty> added)
    {
        var properties = realmClass.Properties.ToBuilder();
        foreach (var property in added)
        {
            var known = realmClass.Find(property.Name);
            if (known is null)
            {
                properties.Add(property);
            }
            else if (known != property)
            {
                throw new ModelInputException($"class '{realmClass.Name}': property '{property.Name}' is already {known.Shorthand}, not {property.Shorthand}");
            }
        }

        return properties.ToImmutable();
    }
}
