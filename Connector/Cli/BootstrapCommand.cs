using System.CommandLine;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Cli;

/// <summary><c>bootstrap</c>: the SQL schema (dacpac and deploy.sql) from an exported Realm schema, offline.</summary>
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
        var sqlSchema = new Option<string>("--sql-schema")
        {
            Description = "The SQL schema of the generated tables (not 'realmsync', which holds the catalog).",
            HelpName = "S",
            DefaultValueFactory = _ => DefaultSqlSchema,
        };
        var command = new Command(
            "bootstrap",
            "Generate the SQL Server schema for a Realm, offline: writes DIR/schema.dacpac and DIR/deploy.sql, " +
            "a script that creates the catalog and the generated tables on an empty database and records the mapping.")
        {
            realmSchema, output, realmPath, sqlSchema,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(realmSchema) is null)
            {
                result.AddError("bootstrap needs the Realm schema: give --realm-schema FILE.");
            }
        });
        command.SetAction(parse => ConnectorCli.Run(parse, stdout =>
        {
            var schemaFile = parse.GetValue(realmSchema)!;
            var schema = RealmSchemaImporter.Import(InputFiles.ReadText(schemaFile, "--realm-schema"), schemaFile);
            var artifacts = SchemaArtifactGenerator.Generate(schema, parse.GetValue(realmPath)!, parse.GetValue(sqlSchema)!, Path.GetFileName(schemaFile));
            var directory = parse.GetValue(output)!;
            OutputFolder.Write(directory, "--out", ("schema.dacpac", artifacts.Dacpac), ("deploy.sql", System.Text.Encoding.UTF8.GetBytes(artifacts.DeployScript)));
            BootstrapReport.Write(stdout, artifacts, directory);
            return ExitCodes.Success;
        }));
        return command;
    }
}
