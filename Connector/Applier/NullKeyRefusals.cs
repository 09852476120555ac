using System.Collections.Immutable;
using System.Globalization;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// The object of a class with an optional primary key whose key is null (Realm allows one per class), which this
/// mapping cannot store: links are stored as the target's key, and NULL in a link column (like a null
/// <c>object_identity</c> in the protocol) already means "no link", so a link to it could never be told from no
/// link; and the generated procedures join keys with <c>=</c>, which never matches NULL. Such an object is left out
/// of the plan with every instruction of the transaction that names it (its INSERT, SETs and DELETE, the LIST_* of
/// its lists, a LIST_INSERT or LIST_SET whose element it is); the rest of the transaction is applied. A list that
/// lost an element this way is left alone for the rest of the transaction: its later LIST_* count the refused
/// element in their indexes, so applying them would move the wrong elements.
/// </summary>
public static class NullKeyRefusals
{
    /// <summary>The instructions of <paramref name="instructions"/> to leave out, and one refusal per class.</summary>
    public static (IReadOnlySet<int> LeftOut, ImmutableArray<RefusedObject> Refused) Find(MappingContext context, ImmutableArray<Instruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byClass = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tainted = new Dictionary<(string Class, string Owner, string Property), string>();
        for (var i = 0; i < instructions.Length; i++)
        {
            if (Refusal(context, instructions[i], tainted) is { } className)
            {
                (byClass.TryGetValue(className, out var list) ? list : byClass[className] = []).Add(i);
            }
        }

        var refused = byClass.Select(c => new RefusedObject(c.Key, [.. c.Value], Message(c.Key, c.Value, context.Provider))).OrderBy(r => r.Instructions[0]);
        return (byClass.Values.SelectMany(v => v).ToHashSet(), [.. refused]);
    }

    public static string Message(string className, IReadOnlyList<int> instructions, Configuration.DatabaseProvider database = Configuration.DatabaseProvider.SqlServer)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        var indexes = string.Join(", ", instructions.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var name = database == Configuration.DatabaseProvider.Postgres ? "PostgreSQL" : "SQL Server";
        return string.Create(CultureInfo.InvariantCulture,
            $"class '{className}': an object with a null primary key cannot be stored in {name} (a null key is indistinguishable from \"no link\" in link columns); " +
            $"the {instructions.Count} instruction(s) naming it (index {indexes}) were left out, the rest of the transaction was applied");
    }

    /// <summary>The class of the null-keyed object <paramref name="instruction"/> names, or null to plan it as usual.</summary>
    private static string? Refusal(MappingContext context, Instruction instruction, Dictionary<(string, string, string), string> tainted)
    {
        if (instruction is not (InsertInstruction or SetInstruction or DeleteInstruction or ListInstruction) ||
            context.FindClass(instruction.ObjectType) is not { } mapped)
        {
            return null; // Anything else (an unknown class included) is planned, and refused as bad input, as before.
        }

        var identity = ((ObjectInstruction)instruction).Identity;
        if (identity is NullValue && HasNullableKey(mapped))
        {
            return mapped.Class.Name;
        }

        if (instruction is not ListInstruction list)
        {
            return null;
        }

        var listKey = (mapped.Class.Name, AdapterValueWriter.ToJson(identity), list.Property);
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
        var target = mapped.Properties.FirstOrDefault(p => p.Property.Name == list.Property)?.Property is
            { Type: RealmPropertyType.Object, ObjectType: { } targetName }
            ? context.FindClass(targetName)
            : null;
        if (element is NullValue && target is not null && HasNullableKey(target))
        {
            tainted[listKey] = target.Class.Name;
            return target.Class.Name;
        }

        return null;
    }

    // A null identity for a class without a primary key, or with a required one, stays bad input (IdentityConverter).
    private static bool HasNullableKey(ClassMapping mapped) => mapped.Class.PrimaryKeyProperty is { Optional: true };
}

/// <summary>A null-keyed object of <see cref="ClassName"/> left out of a plan, with the instructions that named it.</summary>
public sealed record RefusedObject(string ClassName, ImmutableArray<int> Instructions, string Error);
