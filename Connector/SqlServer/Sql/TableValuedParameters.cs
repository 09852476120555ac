using System.Data;
using Connector.Applier;
using Connector.Catalog;
using Connector.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Data.SqlClient.Server;

namespace Connector.SqlServer.Sql;

/// <summary>
/// A <see cref="TableArgument"/> as a SqlClient table-valued parameter: <see cref="SqlDbType.Structured"/>, the
/// table type's quoted name in schema realmsync, and the rows streamed as <see cref="SqlDataRecord"/>s whose
/// metadata is built from each column's <see cref="SqlColumnType"/>.
/// </summary>
public static class TableValuedParameters
{
    public static SqlParameter Create(TableArgument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return new SqlParameter(argument.Name, SqlDbType.Structured)
        {
            TypeName = SqlIdentifier.Quote(CatalogSchema.SchemaName, argument.TypeName),
            // SqlClient refuses an empty record sequence; a table-valued parameter with no rows is sent as null.
            Value = argument.Rows.Count == 0 ? null : Records(argument),
        };
    }

    public static SqlMetaData[] MetaData(IEnumerable<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(c => MetaData(c.Name, c.Type))];
    }

    public static SqlMetaData MetaData(string name, SqlColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.DbType switch
        {
            // SqlColumnType.Max (-1) is SqlMetaData.Max: (max) columns.
            SqlDbType.NVarChar or SqlDbType.VarBinary or SqlDbType.Binary => new SqlMetaData(name, type.DbType, type.MaxLength),
            SqlDbType.Decimal => new SqlMetaData(name, type.DbType, type.Precision, type.Scale),
            SqlDbType.DateTime2 => new SqlMetaData(name, type.DbType, 0, 0, type.Scale, 0, System.Data.SqlTypes.SqlCompareOptions.None, (Type?)null),
            _ => new SqlMetaData(name, type.DbType),
        };
    }

    /// <summary>The rows as records; one record object is reused, as SqlClient reads each before the next.</summary>
    public static IEnumerable<SqlDataRecord> Records(TableArgument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var metaData = MetaData(argument.Columns);
        var record = new SqlDataRecord(metaData);
        foreach (var row in argument.Rows)
        {
            for (var i = 0; i < metaData.Length; i++)
            {
                record.SetValue(i, row[i] ?? DBNull.Value);
            }

            yield return record;
        }
    }
}
