using Connector.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="SqlServerOptions"/>; the connection string is shown masked, never whole.</summary>
public sealed class SqlServerOptionsValidator : IValidateOptions<SqlServerOptions>
{
    private static readonly HashSet<string> ReservedSchemas =
        new([CatalogSchema.SchemaName, "sys", "INFORMATION_SCHEMA", "guest"], StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, SqlServerOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(SqlServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("SqlServer");
        CheckConnectionString(options.ConnectionString, failures);
        if (!SqlIdentifier.IsValid(options.Schema, out var problem))
        {
            failures.Add(nameof(options.Schema), options.Schema, problem + "; choose a schema name of 1 to 128 characters, such as dbo.");
        }
        else if (ReservedSchemas.Contains(options.Schema))
        {
            failures.Add(nameof(options.Schema), options.Schema, "is reserved (realmsync holds the connector's catalog); choose another schema, such as dbo.");
        }

        failures.AddUnlessCommandTimeout(options.CommandTimeout);
        failures.AddUnless(
            options.SchemaCommandTimeout >= TimeSpan.FromSeconds(1) && options.SchemaCommandTimeout <= TimeSpan.FromDays(1),
            nameof(options.SchemaCommandTimeout), options.SchemaCommandTimeout,
            "must be between 00:00:01 and 1.00:00:00 ([d.]hh:mm:ss); the default is 00:30:00 (a schema change may build indexes on large tables).");
        return failures.All;
    }

    private static void CheckConnectionString(string connectionString, OptionFailures failures)
    {
        const string Key = nameof(SqlServerOptions.ConnectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add(Key, null, "the connector's database is not configured; set the environment variable " +
                "RealmSqlServer__SqlServer__ConnectionString (or the key in the file) to 'Server=<host>;Database=<database>;...'.");
            return;
        }

        var builder = ConnectionStringDisplay.TryParse(connectionString);
        if (builder is null)
        {
            failures.Add(Key, "(not shown)", "is not a valid SQL Server connection string; write it as " +
                "'Server=<host>[,port];Database=<database>;User ID=<login>;Password=<secret>' or with 'Integrated Security=true'.");
            return;
        }

        var shown = ConnectionStringDisplay.Masked(connectionString);
        if (builder.DataSource.Length == 0)
        {
            failures.Add(Key, shown, "names no server; add 'Server=<host>[,port]'.");
        }

        if (builder.InitialCatalog.Length == 0)
        {
            failures.Add(Key, shown, "names no database; add 'Database=<database>' (the database that holds the catalog and the tables).");
        }
    }
}
