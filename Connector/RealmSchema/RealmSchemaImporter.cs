using System.Collections.Immutable;
using System.Text.Json;

namespace Connector.RealmSchema;

/// <summary>
/// Reads the JSON that realm-js's <c>realm.schema</c> returns (ADAPTER-PROTOCOL.md section 2) into a
/// <see cref="RealmSchemaModel"/>, and validates it.
/// </summary>
public static class RealmSchemaImporter
{
    private const string ElementHint =
        "use a Realm type (bool, int, float, double, string, data, date, decimal128, objectId, uuid, mixed) " +
        "or a class name, optionally followed by ?";

    private const string TypeHint = ElementHint + ", [], <> or {}";

    /// <exception cref="RealmSchemaException">The JSON is invalid, or the schema is; every problem is reported.</exception>
    public static RealmSchemaModel Import(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RealmSchemaException(
                $"{sourceName}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: the schema is not valid JSON; " +
                "export it again with JSON.stringify(realm.schema).");
        }

        using (document)
        {
            var errors = new List<string>();
            var schema = ReadSchema(document.RootElement, errors);
            if (errors.Count == 0)
            {
                errors.AddRange(RealmSchemaValidator.FindErrors(schema));
            }

            return errors.Count == 0 ? schema : throw new RealmSchemaException(sourceName, errors);
        }
    }

    /// <summary>
    /// Reads one property in any accepted shape: realm-js shorthand (<c>"int?[]"</c>), realm-js object shape
    /// (<c>{"type": "list", "objectType": "int"}</c>) or Adapter shape (<c>{"type": "object", "object_type": "Dog"}</c>).
    /// Whether a named class exists is the validator's concern, not this method's.
    /// </summary>
    /// <exception cref="RealmSchemaException">The property is not in any accepted shape.</exception>
    public static RealmProperty ReadProperty(string className, string propertyName, JsonElement element) =>
        TryReadProperty(propertyName, element, out var property) is { } error
            ? throw new RealmSchemaException($"class '{className}', property '{propertyName}': {error}")
            : property!;

    private static RealmSchemaModel ReadSchema(JsonElement root, List<string> errors)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out var inner))
        {
            root = inner;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            errors.Add("the schema must be a JSON array of classes (what realm.schema returns) or an object with a \"schema\" array.");
            return new RealmSchemaModel([]);
        }

        var classes = ImmutableArray.CreateBuilder<RealmClass>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            if (ReadClass(element, index++, errors) is { } realmClass)
            {
                classes.Add(realmClass);
            }
        }

        return new RealmSchemaModel(classes.ToImmutable());
    }

    private static RealmClass? ReadClass(JsonElement element, int index, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"class #{index + 1}: must be an object with \"name\" and \"properties\".");
            return null;
        }

        if (!element.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            errors.Add($"class #{index + 1}: \"name\" is missing or not a string; give the class its name.");
            return null;
        }

        var name = nameElement.GetString()!;
        var prefix = $"class '{name}'";
        var errorCount = errors.Count;
        var primaryKey = ReadOptional(element, "primaryKey", JsonValueKind.String, prefix, "a property name", errors)?.GetString();
        var embedded = ReadFlag(element, "embedded", prefix, errors);
        var asymmetric = ReadFlag(element, "asymmetric", prefix, errors);
        if (embedded && asymmetric)
        {
            errors.Add($"{prefix}: is both embedded and asymmetric; a class can be one or the other, remove one flag.");
        }

        if (!element.TryGetProperty("properties", out var propertiesElement) || propertiesElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{prefix}: \"properties\" is missing or not an object; give it an object keyed by property name.");
            return null;
        }

        var properties = ImmutableArray.CreateBuilder<RealmProperty>();
        foreach (var member in propertiesElement.EnumerateObject())
        {
            if (TryReadProperty(member.Name, member.Value, out var property) is { } error)
            {
                errors.Add($"{prefix}, property '{member.Name}': {error}");
            }
            else
            {
                properties.Add(property!);
            }
        }

        var kind = embedded ? ClassKind.Embedded : asymmetric ? ClassKind.Asymmetric : ClassKind.TopLevel;
        return errors.Count == errorCount ? new RealmClass(name, properties.ToImmutable(), primaryKey, kind) : null;
    }

    private static JsonElement? ReadOptional(
        JsonElement element, string key, JsonValueKind kind, string prefix, string expected, List<string> errors)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != kind)
        {
            errors.Add($"{prefix}: \"{key}\" must be {expected}, not {value.GetRawText()}.");
            return null;
        }

        return value;
    }

    private static bool ReadFlag(JsonElement element, string key, string prefix, List<string> errors)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.False)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.True)
        {
            errors.Add($"{prefix}: \"{key}\" must be true or false, not {value.GetRawText()}.");
        }

        return value.ValueKind == JsonValueKind.True;
    }

    /// <returns>null when <paramref name="property"/> was read, else what is wrong and how to fix it.</returns>
    internal static string? TryReadProperty(string name, JsonElement element, out RealmProperty? property)
    {
        property = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (RealmTypeSpec.TryParse(text) is not { Keyword: null } spec)
                {
                    return $"unknown type '{text}'; {TypeHint}.";
                }

                property = Build(name, spec, explicitOptional: null, indexed: false);
                return null;
            case JsonValueKind.Object:
                return TryReadObjectShape(name, element, out property);
            default:
                return $"must be a type name such as \"string?\" or an object with \"type\", not {element.GetRawText()}.";
        }
    }

    private static string? TryReadObjectShape(string name, JsonElement element, out RealmProperty? property)
    {
        property = null;
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return "\"type\" is missing or not a string; give the property a type such as \"string\".";
        }

        var typeText = typeElement.GetString()!;
        if (RealmTypeSpec.TryParse(typeText) is not { } spec)
        {
            return $"unknown type '{typeText}'; {TypeHint}.";
        }

        var objectType = TryGetString(element, "objectType") ?? TryGetString(element, "object_type");
        var optionalElement = element.TryGetProperty("optional", out var o) ? o : element.TryGetProperty("nullable", out var n) ? n : default;
        if (optionalElement.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.True or JsonValueKind.False))
        {
            return $"\"optional\" must be true or false, not {optionalElement.GetRawText()}.";
        }

        bool? explicitOptional = optionalElement.ValueKind == JsonValueKind.Undefined ? null : optionalElement.GetBoolean();

        // realm-js writes indexed: "full-text" for a full-text index; the model only knows indexed or not.
        var indexed = element.TryGetProperty("indexed", out var indexedElement) &&
                      indexedElement.ValueKind is JsonValueKind.True or JsonValueKind.String;

        if (spec.Keyword is { } keyword)
        {
            if (objectType is null)
            {
                return $"type '{keyword}' needs \"objectType\" naming the {(keyword is "object" or "linkingObjects" ? "target class" : "element type")}; add it.";
            }

            // objectType names an element, never a type expression: "Added [x]" is a class, not a list of 'Added'.
            if (RealmTypeSpec.TryParseElement(objectType) is not { } elementSpec)
            {
                return $"\"objectType\" is empty; {ElementHint}.";
            }

            spec = keyword switch
            {
                "list" => elementSpec with { Collection = CollectionKind.List },
                "set" => elementSpec with { Collection = CollectionKind.Set },
                "dictionary" => elementSpec with { Collection = CollectionKind.Dictionary },
                _ => elementSpec,
            };
            if (keyword == "linkingObjects")
            {
                if (TryGetString(element, "property") is not { } origin)
                {
                    return "type 'linkingObjects' needs \"property\" naming the link in class '" + objectType + "' that points here; add it.";
                }

                property = new RealmProperty(name, RealmPropertyType.LinkingObjects, ObjectType: elementSpec.ObjectType ?? objectType, LinkOriginProperty: origin);
                return null;
            }

            if (keyword == "object" && elementSpec.ObjectType is null)
            {
                return $"type 'object' needs a class name in \"objectType\", not the primitive '{objectType}'; use \"type\": \"{objectType}\" for a primitive.";
            }
        }

        property = Build(name, spec, explicitOptional, indexed);
        return null;
    }

    private static RealmProperty Build(string name, RealmTypeSpec spec, bool? explicitOptional, bool indexed)
    {
        // realm-js reports to-one links, links in dictionaries and mixed as optional, as Realm treats them.
        var optionalByDefault = spec.Type == RealmPropertyType.Mixed ||
                                (spec.Type == RealmPropertyType.Object && spec.Collection is CollectionKind.None or CollectionKind.Dictionary);
        var optional = spec.Optional || (explicitOptional ?? optionalByDefault);
        return new RealmProperty(name, spec.Type, spec.Collection, optional, spec.ObjectType, indexed);
    }

    private static string? TryGetString(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
