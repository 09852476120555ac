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

    public bool IsPlainElement => Collection == CollectionKind.None && Keyword is null;

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
