using System.Collections.Frozen;

namespace Connector.RealmSchema;

/// <summary>The type names of realm-js schemas and the Adapter protocol (ADAPTER-PROTOCOL.md section 2).</summary>
public static class RealmTypeNames
{
    private static readonly FrozenDictionary<string, RealmPropertyType> Primitives =
        new Dictionary<string, RealmPropertyType>(StringComparer.Ordinal)
        {
            ["bool"] = RealmPropertyType.Bool,
            ["int"] = RealmPropertyType.Int,
            ["float"] = RealmPropertyType.Float,
            ["double"] = RealmPropertyType.Double,
            ["string"] = RealmPropertyType.String,
            ["data"] = RealmPropertyType.Data,
            ["date"] = RealmPropertyType.Date,
            ["decimal128"] = RealmPropertyType.Decimal128,
            ["decimal"] = RealmPropertyType.Decimal128,
            ["objectId"] = RealmPropertyType.ObjectId,
            ["uuid"] = RealmPropertyType.Uuid,
            ["mixed"] = RealmPropertyType.Mixed,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The primitive type named <paramref name="name"/>, or null when it is not a primitive name.</summary>
    public static RealmPropertyType? TryPrimitive(string name) =>
        Primitives.TryGetValue(name, out var type) ? type : null;

    public static string Name(RealmPropertyType type) => type switch
    {
        RealmPropertyType.Bool => "bool",
        RealmPropertyType.Int => "int",
        RealmPropertyType.Float => "float",
        RealmPropertyType.Double => "double",
        RealmPropertyType.String => "string",
        RealmPropertyType.Data => "data",
        RealmPropertyType.Date => "date",
        RealmPropertyType.Decimal128 => "decimal128",
        RealmPropertyType.ObjectId => "objectId",
        RealmPropertyType.Uuid => "uuid",
        RealmPropertyType.Mixed => "mixed",
        RealmPropertyType.Object => "object",
        RealmPropertyType.LinkingObjects => "linkingObjects",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Types Realm allows as a primary key.</summary>
    public static bool AllowedAsPrimaryKey(RealmPropertyType type) =>
        type is RealmPropertyType.Int or RealmPropertyType.String or RealmPropertyType.ObjectId
            or RealmPropertyType.Uuid;
}
