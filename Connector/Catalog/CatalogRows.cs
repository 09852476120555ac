using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Catalog;

/// <summary>The catalog rows (MappedClass, MappedProperty) that record what a mapping adds to the one before it.</summary>
public static class CatalogRows
{
    public const string MappedClass = "[realmsync].[MappedClass]";
    public const string MappedProperty = "[realmsync].[MappedProperty]";

    /// <summary>The tables of <paramref name="next"/> that <paramref name="previous"/> does not have.</summary>
    public static IEnumerable<string> NewTables(SchemaMapping? previous, SchemaMapping next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var known = previous?.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        return next.Tables.Select(t => t.Name).Where(name => !known.Contains(name));
    }

    public static IEnumerable<CatalogRow> Growth(SchemaMapping? previous, SchemaMapping next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var known = previous?.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal) ?? [];
        for (var ordinal = 0; ordinal < next.Classes.Length; ordinal++)
        {
            var mapped = next.Classes[ordinal];
            var before = known.GetValueOrDefault(mapped.Class.Name);
            if (before is null)
            {
                yield return Class(mapped, ordinal);
            }

            foreach (var property in mapped.Properties)
            {
                if (before?.Class.Find(property.Property.Name) is null)
                {
                    yield return Property(mapped.Class, property);
                }
            }
        }
    }

    private static CatalogRow Class(ClassMapping mapped, int ordinal) => new(MappedClass,
    [
        new("ClassName", mapped.Class.Name),
        new("Ordinal", ordinal),
        new("ClassKind", mapped.Class.Kind switch { ClassKind.Embedded => "embedded", ClassKind.Asymmetric => "asymmetric", _ => "top-level" }),
        new("PrimaryKey", mapped.Class.PrimaryKey),
        new("SqlTable", mapped.Table),
        new("KeyColumn", mapped.KeyColumn),
        new("KeySqlType", mapped.KeySqlType),
        new("NameResolution", mapped.NameResolution),
    ]);

    private static CatalogRow Property(RealmClass owner, PropertyMapping mapping)
    {
        var p = mapping.Property;
        return new(MappedProperty,
        [
            new("ClassName", owner.Name),
            new("PropertyName", p.Name),
            new("Ordinal", owner.Properties.IndexOf(p)),
            new("RealmType", RealmTypeNames.Name(p.Type)),
            new("CollectionKind", p.Collection.ToString().ToLowerInvariant()),
            new("IsOptional", p.Optional),
            new("IsIndexed", p.Indexed),
            new("IsPrimaryKey", p.Name == owner.PrimaryKey),
            new("ObjectType", p.ObjectType),
            new("LinkOriginProperty", p.LinkOriginProperty),
            new("SqlColumn", mapping.Column),
            new("SqlTable", mapping.ChildTable),
            new("SqlType", mapping.SqlType),
            new("NameResolution", mapping.NameResolution),
        ]);
    }
}
