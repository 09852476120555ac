namespace Connector.RealmSchema;

/// <summary>
/// A type name as realm-js and the Adapter write it, split into its parts: <c>"int?[]"</c> is an optional int
/// list, <c>"Dog"</c> a link, <c>"list"</c> a keyword whose element type comes from <c>objectType</c>.
/// </summary>
internal readonly record struct RealmTypeSpec(
    RealmPropertyType Type,
    string? ObjectType,
    CollectionKind Collection,
    bool Optional,
    string? Keyword)
{
    private const string ReservedCharacters = "[]<>{}?";

    /// <summary>
    /// The element named by <c>objectType</c> (<c>object_type</c>) of a property in object shape: a primitive type name
    /// (<c>"int"</c>; also <c>"int?"</c>, an optional element, as earlier producers wrote it) or else a class name
    /// taken verbatim, spaces, brackets and <c>?</c> included (<c>"Group By"</c>, <c>"Added [x]"</c>), as realm-js
    /// reads it. A class literally named like a primitive (<c>"int"</c>, <c>"int?"</c>) cannot be told apart here and
    /// is read as the primitive, as realm-js reads it too.
    /// </summary>
    public static RealmTypeSpec? TryParseElement(string objectType)
    {
        if (objectType.Length == 0)
        {
            return null;
        }

        var optional = objectType.EndsWith('?');
        return RealmTypeNames.TryPrimitive(optional ? objectType[..^1] : objectType) is { } primitive
            ? new RealmTypeSpec(primitive, null, CollectionKind.None, optional, null)
            : new RealmTypeSpec(RealmPropertyType.Object, objectType, CollectionKind.None, false, null);
    }

    public static RealmTypeSpec? TryParse(string text)
    {
        var name = text;
        var collection = CollectionKind.None;
        if (name.Length > 2)
        {
            collection = name[^2..] switch
            {
                "[]" => CollectionKind.List,
                "<>" => CollectionKind.Set,
                "{}" => CollectionKind.Dictionary,
                _ => CollectionKind.None,
            };
            if (collection != CollectionKind.None)
            {
                name = name[..^2];
            }
        }

        var optional = name.EndsWith('?');
        if (optional)
        {
            name = name[..^1];
        }

        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || ReservedCharacters.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        if (RealmTypeNames.TryPrimitive(name) is { } primitive)
        {
            return new RealmTypeSpec(primitive, null, collection, optional, null);
        }

        if (name is "object" or "list" or "set" or "dictionary" or "linkingObjects")
        {
            // A keyword takes its element type from objectType; a suffix or '?' on it means nothing.
            return collection == CollectionKind.None && !optional
                ? new RealmTypeSpec(RealmPropertyType.Object, null, collection, optional, name)
                : null;
        }

        return new RealmTypeSpec(RealmPropertyType.Object, name, collection, optional, null);
    }
}
