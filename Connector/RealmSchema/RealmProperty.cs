namespace Connector.RealmSchema;

/// <summary>
/// One property of a Realm class. For a collection, <see cref="Type"/> and <see cref="Optional"/> describe
/// the elements. <see cref="ObjectType"/> is the target class of a link (to-one or in a collection) and of
/// linkingObjects, whose source property is <see cref="LinkOriginProperty"/>.
/// </summary>
public sealed record RealmProperty(
    string Name,
    RealmPropertyType Type,
    CollectionKind Collection = CollectionKind.None,
    bool Optional = false,
    string? ObjectType = null,
    bool Indexed = false,
    string? LinkOriginProperty = null)
{
    public bool IsLink => Type == RealmPropertyType.Object;

    public bool IsCollection => Collection != CollectionKind.None;

    /// <summary>Whether the property has a column of its own in the class table.</summary>
    public bool IsStoredInline => !IsCollection && Type != RealmPropertyType.LinkingObjects;

    /// <summary>A to-one link is always nullable in Realm, whatever the schema says.</summary>
    public bool IsNullable => Optional || (IsLink && !IsCollection);

    /// <summary>The realm-js shorthand of this property (<c>"string?"</c>, <c>"Dog[]"</c>, <c>"int{}"</c>).</summary>
    public string Shorthand
    {
        get
        {
            var element = IsLink ? ObjectType! : RealmTypeNames.Name(Type);
            var optional = Optional && !(IsLink && !IsCollection) ? "?" : string.Empty;
            return element + optional + Collection switch
            {
                CollectionKind.List => "[]",
                CollectionKind.Set => "<>",
                CollectionKind.Dictionary => "{}",
                _ => string.Empty,
            };
        }
    }
}
