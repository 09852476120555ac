using System.CommandLine;
using System.Text;
using Connector.Configuration;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;

namespace Connector.Cli;

/// <summary><c>plan</c>: the applier's dry run, offline: DIR/plan.sql holds the T-SQL it would send.</summary>
public static class PlanCommand
{
    public static Command Build()
    {
        var realmSchema = new Option<string>("--realm-schema")
        {
            Description = "The Realm schema in force (JSON, as for bootstrap).",
            HelpName = "FILE",
            Required = true,
        };
        var instructions = new Option<string>("--instructions")
        {
            Description = "Adapter transactions, one JSON object per line (ADAPTER-PROTOCOL.md), such as an inbound journal segment.",
            HelpName = "FILE.jsonl",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "The folder to write plan.sql into.", HelpName = "DIR", Required = true };
        var realmPath = new Option<string>("--realm-path")
        {
            Description = "The Realm path the schema is mapped for; by default the path of the first transaction.",
            HelpName = "P",
        };
        var sqlSchema = new Option<string>("--sql-schema")
        {
            Description = "The SQL schema of the generated tables.",
            HelpName = "S",
            DefaultValueFactory = _ => BootstrapCommand.DefaultSqlSchema,
        };
        var onBad = new Option<string>("--on-bad-transaction")
        {
            Description = "What the applier does after a bad transaction: 'stop' (the Realm path stops there) or 'skip' (it goes on).",
            DefaultValueFactory = _ => "stop",
        };
        onBad.AcceptOnlyFromAmong("stop", "skip");
        var provider = ConnectorCli.ProviderOption();
        var command = new Command(
            "plan",
            "Dry run of the applier, offline: writes DIR/plan.sql, the T-SQL it would send for the transactions against the schema, values as literals.")
        {
            realmSchema, instructions, output, realmPath, sqlSchema, onBad, provider,
        };
        command.SetAction(parse => ConnectorCli.Run(parse, stdout =>
        {
            var schemaFile = parse.GetValue(realmSchema)!;
            var schema = RealmSchemaImporter.Import(InputFiles.ReadText(schemaFile, "--realm-schema"), schemaFile);
            var lines = InputFiles.ReadText(parse.GetValue(instructions)!, "--instructions").Split('\n');
            var path = parse.GetValue(realmPath) ?? FirstRealmPath(lines);
            var database = ConnectorCli.Provider(parse, provider, null);
            var targetSchema = database == DatabaseProvider.Postgres && parse.GetResult(sqlSchema) is null or { Implicit: true }
                ? PostgresOptions.DefaultSchema
                : parse.GetValue(sqlSchema)!;
            if (database == DatabaseProvider.Postgres)
            {
                Postgres.PgBootstrap.CheckSchema(targetSchema, "--sql-schema");
            }
            else
            {
                SchemaArtifactGenerator.CheckSqlSchema(targetSchema);
            }

            var run = new DryRun(SchemaMapper.Map(schema, path, targetSchema, previous: null, database), parse.GetValue(onBad) == "stop");
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length > 0 && !run.Add(lines[i], i + 1))
                {
                    break;
                }
            }

            var directory = parse.GetValue(output)!;
            OutputFolder.Write(directory, "--out", ("plan.sql", Encoding.UTF8.GetBytes(run.Script())));
            stdout.WriteLine($"Planned {run.Planned} transaction(s) for Realm path '{path}': wrote {Path.Combine(directory, "plan.sql")}.");
            foreach (var warning in run.Warnings)
            {
                // Not bad input: the applier records these in realmsync.DeadLetter and applies the rest (exit 0).
                parse.InvocationConfiguration.Error.WriteLine("warning: " + warning);
            }

            foreach (var error in run.Errors)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: " + error);
            }

            return run.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.BadInput;
        }));
        return command;
    }

    private static string FirstRealmPath(string[] lines)
    {
        foreach (var line in lines.Where(l => l.Trim().Length > 0))
        {
            try
            {
                return Adapter.AdapterCodec.Decode(line).RealmPath;
            }
            catch (Adapter.AdapterFormatException)
            {
                break;
            }
        }

        throw new ConnectorException("--instructions: no readable transaction to take the Realm path from; give --realm-path P.", ExitCodes.BadInput);
    }
}
