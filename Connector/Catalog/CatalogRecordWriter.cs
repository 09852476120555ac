using System.Text;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Catalog;

/// <summary>
/// The T-SQL that records a schema mapping in the catalog, for scripts a DBA runs (<c>deploy.sql</c>).
/// Values are literals because the script itself is the product; each goes through <see cref="SqlLiteral"/>.
/// </summary>
public static class CatalogRecordWriter
{
    public static string Write(SchemaMapping mapping, ReadOnlySpan<byte> dacpac, string deployedScript, string reason)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sql = new StringBuilder();
        sql.Append("DECLARE @RealmId int;\n");
        sql.Append("INSERT INTO [realmsync].[CatalogVersion] ([Version]) VALUES (").Append(SqlLiteral.Int(CatalogSchema.Version)).Append(");\n");
        sql.Append("INSERT INTO [realmsync].[MappedRealm] ([RealmPath], [SqlSchema], [MappingMode]) VALUES (")
            .Append(SqlLiteral.String(mapping.RealmPath)).Append(", ").Append(SqlLiteral.String(mapping.SqlSchema))
            .Append(", 'realm-first');\n");
        sql.Append("SET @RealmId = SCOPE_IDENTITY();\n");
        sql.Append("INSERT INTO [realmsync].[InboundCursor] ([RealmId], [Version]) VALUES (@RealmId, 0);\n");
        var ordinal = 0;
        foreach (var mapped in mapping.Classes)
        {
            AppendClass(sql, mapped, ordinal++);
        }

        sql.Append("INSERT INTO [realmsync].[SchemaDeployment] ([RealmId], [Reason], [Dacpac], [Script]) VALUES (@RealmId, ")
            .Append(SqlLiteral.String(reason)).Append(", ").Append(SqlLiteral.Binary(dacpac)).Append(", ")
            .Append(SqlLiteral.Utf16Text(deployedScript)).Append(");\n");
        return sql.ToString();
    }

    private static void AppendClass(StringBuilder sql, ClassMapping mapped, int ordinal)
    {
        var realmClass = mapped.Class;
        sql.Append("INSERT INTO [realmsync].[MappedClass] ([RealmId], [ClassName], [Ordinal], [ClassKind], [PrimaryKey], [SqlTable], [KeyColumn], [KeySqlType], [NameResolution]) VALUES (@RealmId, ")
            .Append(SqlLiteral.String(realmClass.Name)).Append(", ").Append(SqlLiteral.Int(ordinal)).Append(", ")
            .Append(SqlLiteral.String(ClassKindName(realmClass.Kind))).Append(", ")
            .Append(SqlLiteral.String(realmClass.PrimaryKey)).Append(", ").Append(SqlLiteral.String(mapped.Table)).Append(", ")
            .Append(SqlLiteral.String(mapped.KeyColumn)).Append(", ").Append(SqlLiteral.String(mapped.KeySqlType)).Append(", ")
            .Append(SqlLiteral.String(mapped.NameResolution)).Append(");\n");
        foreach (var property in mapped.Properties)
        {
            var p = property.Property;
            sql.Append("INSERT INTO [realmsync].[MappedProperty] ([RealmId], [ClassName], [PropertyName], [Ordinal], [RealmType], [CollectionKind], [IsOptional], [IsIndexed], [IsPrimaryKey], [ObjectType], [LinkOriginProperty], [SqlColumn], [SqlTable], [SqlType], [NameResolution]) VALUES (@RealmId, ")
                .Append(SqlLiteral.String(realmClass.Name)).Append(", ").Append(SqlLiteral.String(p.Name)).Append(", ")
                .Append(SqlLiteral.Int(realmClass.Properties.IndexOf(p))).Append(", ")
                .Append(SqlLiteral.String(RealmTypeNames.Name(p.Type))).Append(", ")
                .Append(SqlLiteral.String(p.Collection.ToString().ToLowerInvariant())).Append(", ")
                .Append(SqlLiteral.Bit(p.Optional)).Append(", ").Append(SqlLiteral.Bit(p.Indexed)).Append(", ")
                .Append(SqlLiteral.Bit(p.Name == realmClass.PrimaryKey)).Append(", ")
                .Append(SqlLiteral.String(p.ObjectType)).Append(", ").Append(SqlLiteral.String(p.LinkOriginProperty)).Append(", ")
                .Append(SqlLiteral.String(property.Column)).Append(", ").Append(SqlLiteral.String(property.ChildTable)).Append(", ")
                .Append(SqlLiteral.String(property.SqlType)).Append(", ").Append(SqlLiteral.String(property.NameResolution)).Append(");\n");
        }
    }

    private static string ClassKindName(ClassKind kind) => kind switch
    {
        ClassKind.Embedded => "embedded",
        ClassKind.Asymmetric => "asymmetric",
        _ => "top-level",
    };
}
