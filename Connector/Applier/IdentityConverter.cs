using Connector.Configuration;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>
/// An object identity (the instruction's <c>identity</c>, a link value, a list element) to its class's SQL key:
/// the primary-key value, or the opaque sync object id of a class without one.
/// </summary>
public static class IdentityConverter
{
    public static object Convert(RealmValue identity, ClassMapping target, string jsonPath, DatabaseProvider provider = DatabaseProvider.SqlServer)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(target);
        var keyType = SqlColumnType.Parse(target.KeySqlType);
        if (identity is NullValue)
        {
            throw new AdapterFormatException(
                $"a null identity for class '{target.Class.Name}': SQL Server key columns cannot hold null, so objects with a null primary key are not supported",
                jsonPath);
        }

        if (target.Class.PrimaryKeyProperty is { } key)
        {
            var coerced = ValueCoercion.Coerce(identity, key.Optional ? key with { Optional = false } : key, jsonPath);
            return SqlValueConverter.Convert(coerced, key.Type, keyType, jsonPath, provider: provider)!;
        }

        return identity is StringValue text
            ? SqlValueConverter.Convert(text, RealmPropertyType.String, keyType, jsonPath, provider: provider)!
            : throw new AdapterFormatException(
                $"class '{target.Class.Name}' has no primary key, so its identities are strings (such as \"{{0002-0000}}\"), found {AdapterValueWriter.ToJson(identity)}",
                jsonPath);
    }
}
