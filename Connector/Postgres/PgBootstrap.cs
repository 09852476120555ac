using Connector.Catalog;
using Connector.Configuration;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary><c>bootstrap --provider postgres</c>: the mapping and deploy.sql for PostgreSQL, and running it (<c>--apply</c>).</summary>
public static class PgBootstrap
{
    /// <param name="pathPattern">A partitioned mapping's Realm path pattern (<c>--realm-path-pattern</c>), checked here; null for one Realm path.</param>
    public static (SchemaMapping Mapping, string Script) Generate(RealmSchemaModel schema, string realmPath, string sqlSchema, string source, string? pathPattern = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        CheckSchema(sqlSchema, "--sql-schema");
        if (pathPattern is not null)
        {
            Partitioning.RealmPathPattern.Parse(pathPattern, "--realm-path-pattern");
            CheckSchema(sqlSchema + SchemaMapper.ScopeSchemaSuffix, "--sql-schema (with the suffix of the per-Realm views)");
            realmPath = pathPattern;
        }

        var mapping = SchemaMapper.Map(schema, realmPath, sqlSchema, previous: null, DatabaseProvider.Postgres, pathPattern);
        return (mapping, PgDeployScript.Write(mapping, source));
    }

    public static void CheckSchema(string sqlSchema, string option)
    {
        ArgumentNullException.ThrowIfNull(sqlSchema);
        if (!PgIdentifier.IsValid(sqlSchema, out var problem))
        {
            throw new ConnectorException($"{option} '{sqlSchema}': {problem}; choose a name of 1 to 63 bytes, such as public.", ExitCodes.Usage);
        }

        if (sqlSchema == CatalogSchema.SchemaName || sqlSchema.StartsWith("pg_", StringComparison.Ordinal) || sqlSchema == "information_schema")
        {
            throw new ConnectorException(
                $"{option} '{sqlSchema}' is reserved ({CatalogSchema.SchemaName} holds the connector's catalog; pg_* and information_schema are PostgreSQL's); choose another schema, such as public.",
                ExitCodes.Usage);
        }
    }

    /// <summary>Runs deploy.sql on the configured database: one transaction, so a failure leaves nothing behind.</summary>
    public static async Task<int> ApplyAsync(PostgresOptions options, string script, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var target = PostgresOptionsValidator.Masked(options.ConnectionString);
        await using var connections = PgConnectionFactory.For(options);
        await using var connection = await connections.OpenAsync(cancellationToken);
        output.WriteLine($"Deploying to {target} (PostgreSQL {connection.ServerVersion}).");
        try
        {
            await using var command = new NpgsqlCommand(script, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new ConnectorException($"deploy.sql failed on {target} and nothing was changed: {e.MessageText}{(e.Detail is null ? "" : " (" + e.Detail + ")")}", ExitCodes.Failure);
        }

        output.WriteLine($"Deployed to {target}: the catalog, the generated tables and the mapping are in place.");
        return ExitCodes.Success;
    }
}
