namespace Connector.RealmSchema;

public enum CollectionKind
{
    None,
    List,
    Set,
    Dictionary,
}
