namespace Connector.RealmFile;

/// <summary>Column (and element) types as realm-core numbers them in the spec.</summary>
internal enum RealmColumnType
{
    Int = 0,
    Bool = 1,
    String = 2,
    Binary = 4,
    Mixed = 6,
    Timestamp = 8,
    Float = 9,
    Double = 10,
    Decimal = 11,
    Link = 12,
    LinkList = 13,
    BackLink = 14,
    ObjectId = 15,
    TypedLink = 16,
    Uuid = 17,
}
