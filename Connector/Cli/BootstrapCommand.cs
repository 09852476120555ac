using System.CommandLine;
using Connector.Configuration;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Schema;

namespace Connector.Cli;

/// <summary><c>bootstrap</c>: the SQL schema (dacpac and deploy.sql) from an exported Realm schema or a <c>.realm</c> file, offline.</summary>
public static class BootstrapCommand
{
    public const string DefaultRealmPath = "/default";
    public const string DefaultSqlSchema = "dbo";

    public static Command Build()
    {
        var realmSchema = new Option<string>("--realm-schema")
        {
            Description = "A Realm schema as JSON: what realm-js 'realm.schema' returns (an array of classes), " +
                "shorthand properties ('string?', 'Dog[]', 'int<>', 'string{}') and Adapter property maps included.",
            HelpName = "FILE",
        };
        var realmFile = new Option<string>("--realm-file")
        {
            Description = "A .realm file (formats 20, 22, 23, 24; not encrypted) whose schema to use instead of --realm-schema; " +
                "SDK bookkeeping tables are left out.",
            HelpName = "FILE",
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write schema.dacpac and deploy.sql into (created when missing; " +
                "existing files of those names are replaced).",
            HelpName = "DIR",
            Required = true,
        };
        var realmPath = new Option<string>("--realm-path")
        {
            Description = "The Realm path this schema is mapped for, recorded in the catalog.",
            HelpName = "P",
            DefaultValueFactory = _ => DefaultRealmPath,
        };
        var pathPattern = new Option<string>("--realm-path-pattern")
        {
            Description = "Instead of --realm-path: a partitioned mapping for every Realm path this .NET regular expression matches whole " +
                "(such as '^/([0-9a-f]+)/private$'), all in one set of tables whose rows carry their Realm in column " +
                SchemaGeneration.SchemaMapper.RealmColumn + "; each path registers itself on its first transaction.",
            HelpName = "REGEX",
        };
        var sqlSchema = new Option<string>("--sql-schema")
        {
            Description = "The SQL schema of the generated tables (not 'realmsync', which holds the catalog).",
            HelpName = "S",
            DefaultValueFactory = _ => DefaultSqlSchema,
        };
        var apply = new Option<bool>("--apply")
        {
            Description = "Also run deploy.sql on the database of the configuration (--config); needs SQL Server, an empty database " +
                "with Change Tracking and snapshot isolation on. Without --sql-schema the configuration's SqlServer:Schema is used.",
        };
        var provider = ConnectorCli.ProviderOption();
        var config = ConnectorCli.ConfigOption();
        var command = new Command(
            "bootstrap",
            "Generate the SQL Server schema for a Realm, offline: writes DIR/schema.dacpac and DIR/deploy.sql, " +
            "a script that creates the catalog and the generated tables on an empty database and records the mapping.")
        {
            realmSchema, realmFile, output, realmPath, pathPattern, sqlSchema, apply, provider, config,
        };
        command.Validators.Add(result =>
        {
            var given = (result.GetResult(realmSchema) is null ? 0 : 1) + (result.GetResult(realmFile) is null ? 0 : 1);
            if (given == 0)
            {
                result.AddError("bootstrap needs the Realm schema: give --realm-schema FILE (exported JSON) or --realm-file FILE (a .realm file).");
            }
            else if (given == 2)
            {
                result.AddError("bootstrap takes the Realm schema from one place: give --realm-schema FILE or --realm-file FILE, not both.");
            }

            if (result.GetResult(pathPattern) is not null && result.GetResult(realmPath) is { Implicit: false })
            {
                result.AddError("bootstrap maps one Realm path (--realm-path P) or every path a pattern matches (--realm-path-pattern REGEX), not both.");
            }
        });
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, async stdout =>
        {
            var (schema, schemaFile) = parse.GetValue(realmSchema) is { } jsonFile
                ? (RealmSchemaImporter.Import(InputFiles.ReadText(jsonFile, "--realm-schema"), jsonFile), jsonFile)
                : (ReadRealmFileSchema(parse.GetValue(realmFile)!), parse.GetValue(realmFile)!);
            var options = parse.GetValue(apply) ? ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!) : null;
            if (ConnectorCli.Provider(parse, provider, options) == DatabaseProvider.Postgres)
            {
                return await BootstrapPostgresAsync(parse, stdout, schema, schemaFile, options, (output, realmPath, pathPattern, sqlSchema), ct);
            }

            var targetSchema = options is not null && parse.GetResult(sqlSchema) is null or { Implicit: true } ? options.SqlServer.Schema : parse.GetValue(sqlSchema)!;
            var artifacts = SchemaArtifactGenerator.Generate(schema, parse.GetValue(realmPath)!, targetSchema, Path.GetFileName(schemaFile), parse.GetValue(pathPattern));
            var directory = parse.GetValue(output)!;
            OutputFolder.Write(directory, "--out", ("schema.dacpac", artifacts.Dacpac), ("deploy.sql", System.Text.Encoding.UTF8.GetBytes(artifacts.DeployScript)));
            BootstrapReport.Write(stdout, artifacts, directory);
            return options is null ? ExitCodes.Success : await DeployScriptRunner.RunAsync(options.SqlServer, artifacts.DeployScript, stdout, ct);
        }));
        return command;
    }

    private static async Task<int> BootstrapPostgresAsync(
        ParseResult parse, TextWriter stdout, RealmSchemaModel schema, string schemaFile, ConnectorOptions? options,
        (Option<string> Output, Option<string> RealmPath, Option<string> PathPattern, Option<string> SqlSchema) given, CancellationToken ct)
    {
        var targetSchema = parse.GetResult(given.SqlSchema) is null or { Implicit: true }
            ? options?.Postgres.Schema ?? PostgresOptions.DefaultSchema
            : parse.GetValue(given.SqlSchema)!;
        var (mapping, script) = PgBootstrap.Generate(schema, parse.GetValue(given.RealmPath)!, targetSchema, Path.GetFileName(schemaFile), parse.GetValue(given.PathPattern));
        var directory = parse.GetValue(given.Output)!;
        OutputFolder.Write(directory, "--out", ("deploy.sql", System.Text.Encoding.UTF8.GetBytes(script)));
        BootstrapReport.WriteMapping(stdout, mapping);
        await stdout.WriteLineAsync($"Wrote {Path.Combine(directory, "deploy.sql")} ({script.Length:N0} characters): run it with psql -v ON_ERROR_STOP=1 -f deploy.sql, or with --apply (README.md, PostgreSQL).");
        return options is null ? ExitCodes.Success : await PgBootstrap.ApplyAsync(options.Postgres, script, stdout, ct);
    }

    /// <summary>The schema of a .realm file, held to the same rules as an imported one.</summary>
    private static RealmSchemaModel ReadRealmFileSchema(string path)
    {
        using var reader = InputFiles.OpenRealmFile(path, "--realm-file");
        RealmSchemaValidator.Validate(reader.Schema, path);
        return reader.Schema;
    }
}
