using Microsoft.Data.SqlClient;
using Connector.Sql;

namespace Connector.SqlServer.Sql;

/// <summary>Scalar parameters typed exactly as the column they feed (<see cref="SqlColumnType"/>).</summary>
public static class SqlParameters
{
    public static SqlParameter Scalar(string name, SqlColumnType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        var parameter = new SqlParameter(name, type.DbType) { Value = value ?? DBNull.Value };
        switch (type.DbType)
        {
            case System.Data.SqlDbType.NVarChar or System.Data.SqlDbType.NChar or System.Data.SqlDbType.VarChar or System.Data.SqlDbType.Char
                or System.Data.SqlDbType.VarBinary or System.Data.SqlDbType.Binary:
                parameter.Size = type.MaxLength;
                break;
            case System.Data.SqlDbType.Decimal:
                parameter.Precision = type.Precision;
                parameter.Scale = type.Scale;
                break;
            case System.Data.SqlDbType.DateTime2:
                parameter.Scale = type.Scale;
                break;
        }

        return parameter;
    }

    /// <summary>The Change Tracking context argument every generated procedure takes.</summary>
    public static SqlParameter Context(string name, ReadOnlyMemory<byte> context) =>
        new(name, System.Data.SqlDbType.VarBinary, 128) { Value = context.ToArray() };
}
