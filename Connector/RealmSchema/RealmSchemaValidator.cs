using System.Collections.Immutable;

namespace Connector.RealmSchema;

/// <summary>
/// Checks a schema against Realm's own rules, reporting every problem with the class, the property and the fix.
/// </summary>
public static class RealmSchemaValidator
{
    /// <exception cref="RealmSchemaException">The schema breaks at least one rule; all are reported.</exception>
    public static void Validate(RealmSchemaModel schema, string sourceName)
    {
        var errors = FindErrors(schema);
        if (errors.Length > 0)
        {
            throw new RealmSchemaException(sourceName, errors);
        }
    }

    /// <summary>Every problem of <paramref name="schema"/>, one message each, in declaration order.</summary>
    public static ImmutableArray<string> FindErrors(RealmSchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = ImmutableArray.CreateBuilder<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var realmClass in schema.Classes)
        {
            if (realmClass.Name.Length == 0)
            {
                errors.Add("a class has an empty name; give every class a name.");
            }
            else if (!names.Add(realmClass.Name))
            {
                errors.Add($"class '{realmClass.Name}': is declared more than once; remove the duplicate or rename it.");
            }

            CheckPropertyNames(realmClass, errors);
            CheckPrimaryKey(realmClass, errors);
            foreach (var property in realmClass.Properties)
            {
                if (CheckProperty(schema, realmClass, property) is { } error)
                {
                    errors.Add($"class '{realmClass.Name}', property '{property.Name}': {error}");
                }
            }
        }

        return errors.ToImmutable();
    }

    private static void CheckPropertyNames(RealmClass realmClass, ImmutableArray<string>.Builder errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in realmClass.Properties)
        {
            if (property.Name.Length == 0)
            {
                errors.Add($"class '{realmClass.Name}': a property has an empty name; give it a name.");
            }
            else if (!names.Add(property.Name))
            {
                errors.Add($"class '{realmClass.Name}', property '{property.Name}': is declared more than once; remove the duplicate or rename it.");
            }
        }
    }

    private static void CheckPrimaryKey(RealmClass realmClass, ImmutableArray<string>.Builder errors)
    {
        if (realmClass.PrimaryKey is not { } key)
        {
            return;
        }

        if (realmClass.Kind == ClassKind.Embedded)
        {
            errors.Add($"class '{realmClass.Name}': is embedded, and embedded classes cannot have a primary key; remove \"primaryKey\".");
        }

        if (realmClass.Find(key) is not { } property)
        {
            errors.Add($"class '{realmClass.Name}': primary key '{key}' is not a property of the class; add the property or correct \"primaryKey\".");
        }
        else if (property.IsCollection || !RealmTypeNames.AllowedAsPrimaryKey(property.Type))
        {
            errors.Add(
                $"class '{realmClass.Name}', property '{key}': is the primary key, which must be int, string, objectId or uuid " +
                $"(optional or not), not {Describe(property)}; choose another primary key or change the property's type.");
        }
    }

    private static string? CheckProperty(RealmSchemaModel schema, RealmClass owner, RealmProperty property)
    {
        if (property.Type is not (RealmPropertyType.Object or RealmPropertyType.LinkingObjects))
        {
            return null;
        }

        if (property.ObjectType is not { } targetName)
        {
            return $"is a {Describe(property)} without a target class; set \"objectType\".";
        }

        if (schema.Find(targetName) is not { } target)
        {
            return $"links to class '{targetName}', which is not in the schema; add the class or correct 'objectType'.";
        }

        return property.Type == RealmPropertyType.Object
            ? CheckLink(property, target)
            : CheckLinkingObjects(owner, property, target);
    }

    private static string? CheckLink(RealmProperty property, RealmClass target)
    {
        if (target.Kind == ClassKind.Asymmetric)
        {
            return $"links to class '{target.Name}', which is asymmetric and cannot be linked to; remove the link or make '{target.Name}' a normal class.";
        }

        return target.Kind == ClassKind.Embedded && property.Collection == CollectionKind.Set
            ? $"is a set of embedded class '{target.Name}', which Realm does not allow; use a list."
            : null;
    }

    private static string? CheckLinkingObjects(RealmClass owner, RealmProperty property, RealmClass origin)
    {
        if (property.IsCollection)
        {
            return "is linkingObjects, which cannot be a collection; remove the collection.";
        }

        if (property.LinkOriginProperty is not { } originName)
        {
            return $"is linkingObjects without an origin; set \"property\" to the link in class '{origin.Name}' that points here.";
        }

        if (origin.Find(originName) is not { } link)
        {
            return $"linkingObjects origin '{origin.Name}.{originName}' does not exist; correct \"property\" or add '{originName}' to class '{origin.Name}'.";
        }

        return link.Type == RealmPropertyType.Object && link.ObjectType == owner.Name
            ? null
            : $"linkingObjects origin '{origin.Name}.{originName}' is {Describe(link)}, not a link to class '{owner.Name}'; " +
              $"point \"property\" at a link or list of '{owner.Name}'.";
    }

    private static string Describe(RealmProperty property) => property.Type switch
    {
        RealmPropertyType.LinkingObjects => "linkingObjects",
        RealmPropertyType.Object when property.ObjectType is null => "link",
        _ => property.Shorthand,
    };
}
