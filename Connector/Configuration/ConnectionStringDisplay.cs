using Microsoft.Data.SqlClient;

namespace Connector.Configuration;

/// <summary>
/// What may be shown of a connection string: server and database, or the whole string with the password
/// masked. Nothing else in the connector prints or logs a connection string.
/// </summary>
public static class ConnectionStringDisplay
{
    public const string Mask = "*****";

    /// <summary><c>server 'host,1433', database 'RealmSync'</c>; never the credentials.</summary>
    public static string Describe(string connectionString)
    {
        var builder = TryParse(connectionString);
        return builder is null
            ? "server (unknown: the connection string does not parse)"
            : $"server '{Or(builder.DataSource)}', database '{Or(builder.InitialCatalog)}'";
    }

    /// <summary>The connection string with its password replaced by <see cref="Mask"/>.</summary>
    public static string Masked(string connectionString)
    {
        var builder = TryParse(connectionString);
        if (builder is null)
        {
            return "(a connection string that does not parse; not shown)";
        }

        if (builder.Password.Length > 0)
        {
            builder.Password = Mask;
        }

        return builder.ConnectionString;
    }

    public static SqlConnectionStringBuilder? TryParse(string connectionString)
    {
        try
        {
            return new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Or(string value) => value.Length == 0 ? "(not named)" : value;
}
