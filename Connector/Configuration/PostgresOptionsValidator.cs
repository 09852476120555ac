using Connector.Postgres;
using Npgsql;

namespace Connector.Configuration;

/// <summary>Checks <see cref="DatabaseOptions"/> and, for PostgreSQL, <see cref="PostgresOptions"/>; the password is never shown.</summary>
public static class PostgresOptionsValidator
{
    public static IReadOnlyList<string> CheckProvider(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Database");
        failures.AddUnless(DatabaseOptions.Parse(options.Provider) is not null, nameof(options.Provider), options.Provider,
            $"must be '{DatabaseOptions.SqlServerName}' (the default) or '{DatabaseOptions.PostgresName}'.");
        return failures.All;
    }

    public static IReadOnlyList<string> Check(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Postgres");
        CheckConnectionString(options.ConnectionString, failures);
        if (!PgIdentifier.IsValid(options.Schema, out var problem))
        {
            failures.Add(nameof(options.Schema), options.Schema, problem + "; choose a schema name of 1 to 63 bytes, such as public.");
        }
        else if (options.Schema == Catalog.CatalogSchema.SchemaName || options.Schema.StartsWith("pg_", StringComparison.Ordinal) ||
            options.Schema == "information_schema")
        {
            failures.Add(nameof(options.Schema), options.Schema, "is reserved (realmsync holds the connector's catalog; pg_* and information_schema are PostgreSQL's); choose another schema, such as public.");
        }

        failures.AddUnlessCommandTimeout(options.CommandTimeout);
        return failures.All;
    }

    /// <summary>The connection string as it may be shown: without its password.</summary>
    public static string Masked(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (builder.Password is not null)
            {
                builder.Password = "*****";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(not shown)";
        }
    }

    private static void CheckConnectionString(string connectionString, OptionFailures failures)
    {
        const string Key = nameof(PostgresOptions.ConnectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add(Key, null, "the connector's database is not configured; set the environment variable " +
                "RealmSqlServer__Postgres__ConnectionString (or the key in the file) to 'Host=<host>;Database=<database>;Username=<role>;...'.");
            return;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            failures.Add(Key, "(not shown)", "is not a valid Npgsql connection string; write it as 'Host=<host>;Port=5432;Database=<database>;Username=<role>;Password=<secret>'.");
            return;
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            failures.Add(Key, Masked(connectionString), "names no server; add 'Host=<host>'.");
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            failures.Add(Key, Masked(connectionString), "names no database; add 'Database=<database>' (the database that holds the catalog and the tables).");
        }
    }
}
