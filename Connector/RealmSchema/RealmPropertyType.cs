namespace Connector.RealmSchema;

/// <summary>
/// The type of a property, or of a collection's elements. <see cref="Object"/> is a link to another class;
/// its target is <see cref="RealmProperty.ObjectType"/>.
/// </summary>
public enum RealmPropertyType
{
    Bool,
    Int,
    Float,
    Double,
    String,
    Data,
    Date,
    Decimal128,
    ObjectId,
    Uuid,
    Mixed,
    Object,
    LinkingObjects,
}
