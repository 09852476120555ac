using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// The schema part of a transaction: ADD_TYPE and ADD_PROPERTIES grow the mapped schema (never remove or change:
/// the Adapter cannot express that). Re-sending a class or property exactly as it is mapped is a no-op; sending
/// it differently is bad input. Records where each new class and property was introduced, so that a data
/// instruction before it in the same transaction is refused.
/// </summary>
public sealed class SchemaEvolution
{
    private readonly Dictionary<string, int> _introducedAt = new(StringComparer.Ordinal);

    private SchemaEvolution(SchemaMapping mapping) => Mapping = mapping;

    /// <summary>The mapping after the transaction's schema instructions (the one in force when there are none).</summary>
    public SchemaMapping Mapping { get; private set; }

    public bool Changed { get; private set; }

    public static SchemaEvolution Apply(AdapterTransaction transaction, SchemaMapping current)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(current);
        var evolution = new SchemaEvolution(current);
        var classes = current.Classes.Select(c => c.Class).ToList();
        var lastSchemaInstruction = -1;
        for (var i = 0; i < transaction.Instructions.Length; i++)
        {
            if (transaction.Instructions[i] is SchemaInstruction instruction)
            {
                evolution.Grow(classes, instruction, i, Path(i));
                lastSchemaInstruction = i;
            }
        }

        if (evolution.Changed)
        {
            var schema = new RealmSchemaModel([.. classes]);
            var errors = RealmSchemaValidator.FindErrors(schema);
            if (errors.Length > 0)
            {
                throw new AdapterFormatException("the schema it leads to is invalid: " + string.Join(" ", errors), Path(lastSchemaInstruction));
            }

            evolution.Mapping = SchemaMapper.Map(schema, current.RealmPath, current.SqlSchema, current);
        }

        return evolution;
    }

    /// <summary>Throws when <paramref name="className"/> (or its <paramref name="propertyName"/>) was added after instruction <paramref name="index"/>.</summary>
    public void RequireKnownAt(int index, string className, string? propertyName, string jsonPath)
    {
        if (_introducedAt.Count == 0)
        {
            return;
        }

        var key = propertyName is null ? className : className + "." + propertyName;
        if (_introducedAt.TryGetValue(key, out var at) && at > index)
        {
            throw new AdapterFormatException(
                $"'{key}' is used before the instruction that adds it (instruction {at}); instructions must be in causal order", jsonPath);
        }
    }

    private static string Path(int index) => "$.instructions" + JsonReadContext.Element(index);

    private void Grow(List<RealmClass> classes, SchemaInstruction instruction, int index, string path)
    {
        var at = classes.FindIndex(c => c.Name == instruction.ObjectType);
        if (instruction is AddTypeInstruction addType)
        {
            var added = new RealmClass(addType.ObjectType, addType.Properties, addType.PrimaryKey, addType.Kind);
            if (at < 0)
            {
                classes.Add(added);
                _introducedAt.TryAdd(added.Name, index);
                Introduce(index, added.Name, added.Properties);
            }
            else if (addType.Contradicts(classes[at].Kind))
            {
                throw new AdapterFormatException(
                    $"ADD_TYPE '{addType.ObjectType}' says the class is {Describe(addType.Kind)}, but it is mapped as {Describe(classes[at].Kind)}; " +
                    "a class cannot change its kind", path);
            }
            // Without the flags (the original Adapter never wrote them) the ADD_TYPE says nothing of the kind: the mapped kind stands.
            else if (!classes[at].Equals(added with { Kind = classes[at].Kind }))
            {
                throw new AdapterFormatException(
                    $"ADD_TYPE '{addType.ObjectType}' differs from the class already mapped; a class cannot be changed, only given new properties (ADD_PROPERTIES)", path);
            }

            return;
        }

        if (at < 0)
        {
            throw new AdapterFormatException($"ADD_PROPERTIES for class '{instruction.ObjectType}', which is not in the mapped schema; send its ADD_TYPE first", path);
        }

        var properties = classes[at].Properties.ToBuilder();
        foreach (var property in instruction.Properties)
        {
            var existing = classes[at].Find(property.Name);
            if (existing is null)
            {
                properties.Add(property);
                Introduce(index, instruction.ObjectType, [property]);
            }
            else if (existing != property)
            {
                throw new AdapterFormatException(
                    $"ADD_PROPERTIES: '{instruction.ObjectType}.{property.Name}' is already mapped as {existing.Shorthand}, not {property.Shorthand}; a property cannot be changed",
                    path + ".properties" + JsonReadContext.Member(property.Name));
            }
        }

        classes[at] = classes[at] with { Properties = properties.ToImmutable() };
    }

    private static string Describe(ClassKind kind) => kind switch
    {
        ClassKind.Embedded => "embedded",
        ClassKind.Asymmetric => "asymmetric",
        _ => "top-level",
    };

    private void Introduce(int index, string className, IEnumerable<RealmProperty> properties)
    {
        Changed = true;
        foreach (var property in properties)
        {
            _introducedAt[className + "." + property.Name] = index;
        }
    }
}
