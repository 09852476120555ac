using System.CommandLine;
using Connector.Adapter;
using Connector.InitialLoad;
using Connector.RealmFile;
using Connector.RealmSchema;

namespace Connector.Cli;

/// <summary>
/// <c>inspect</c>: a <c>.realm</c> file's schema as realm-js <c>realm.schema</c> JSON, or with <c>--instructions</c>
/// the Adapter transactions (JSONL) that recreate its content. Results on stdout (or <c>--out</c>), progress on stderr.
/// </summary>
public static class InspectCommand
{
    public static Command Build()
    {
        var realmFile = new Option<string>("--realm-file")
        {
            Description = "The .realm file to read (formats 20, 22, 23, 24; not encrypted). It is only read, never changed.",
            HelpName = "FILE",
            Required = true,
        };
        var instructions = new Option<bool>("--instructions")
        {
            Description = "Print the JSONL transactions (ADAPTER-PROTOCOL.md) that recreate the file's content in an empty Realm, " +
                "instead of its schema.",
        };
        var bookkeeping = new Option<bool>("--include-bookkeeping")
        {
            Description = "Include SDK bookkeeping tables (metadata, pk, flx_*, sync_*) and the legacy permission classes (__Class, __Role, ...).",
        };
        var legacyGuids = new Option<bool>("--legacy-dotnet-guids")
        {
            Description = "Read UUIDs in Guid.ToByteArray() order, as Realm .NET before 10.20 wrote them.",
        };
        var transactionSize = new Option<int>("--transaction-size")
        {
            Description = "With --instructions: the number of instructions per transaction.",
            HelpName = "N",
            DefaultValueFactory = _ => InitialLoadOptions.DefaultTransactionSize,
        };
        transactionSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--transaction-size must be at least 1.");
            }
        });
        var realmPath = new Option<string>("--realm-path")
        {
            Description = "With --instructions: the realm_path of every transaction.",
            HelpName = "P",
            DefaultValueFactory = _ => InitialLoadOptions.DefaultRealmPath,
        };
        var output = new Option<string>("--out")
        {
            Description = "Write the result to this file (through a temporary file renamed into place) instead of stdout.",
            HelpName = "FILE",
        };
        var command = new Command(
            "inspect",
            "Print a .realm file's schema as Realm schema JSON (input for 'bootstrap --realm-schema'), or with --instructions " +
            "the Adapter transactions that recreate its content. Progress and warnings go to stderr.")
        {
            realmFile, instructions, bookkeeping, legacyGuids, transactionSize, realmPath, output,
        };
        command.SetAction(parse => ConnectorCli.Run(parse, stdout =>
        {
            var file = parse.GetValue(realmFile)!;
            var options = new RealmFileReaderOptions
            {
                IncludeBookkeepingTables = parse.GetValue(bookkeeping),
                LegacyDotNetGuidOrder = parse.GetValue(legacyGuids),
            };
            var error = parse.InvocationConfiguration.Error;
            using var reader = InputFiles.OpenRealmFile(file, "--realm-file", options);
            Action<TextWriter> produce = parse.GetValue(instructions)
                ? writer => WriteInstructions(reader, new InitialLoadOptions(parse.GetValue(realmPath)!, parse.GetValue(transactionSize)), writer, error)
                : writer => writer.Write(RealmSchemaWriter.ToJson(reader.Schema) + "\n");
            if (parse.GetValue(output) is { } outputFile)
            {
                OutputFile.Write(outputFile, "--out", produce);
            }
            else
            {
                produce(stdout);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteInstructions(RealmFileReader reader, InitialLoadOptions options, TextWriter output, TextWriter error)
    {
        var summary = InitialLoadWriter.Write(reader, options, transaction => AdapterCodec.WriteJsonl(output, [transaction]), error);
        var objects = summary.ObjectsPerClass.Sum(c => c.Value);
        error.WriteLine($"{objects:N0} objects of {summary.ObjectsPerClass.Length} classes: {summary.Instructions:N0} instructions in {summary.Transactions:N0} transactions.");
        if (summary.DroppedLinks > 0)
        {
            error.WriteLine(
                $"warning: {summary.DroppedLinks:N0} links to deleted objects (tombstones) were dropped: to-one links and dictionary values " +
                "are left null, list and set elements are left out.");
        }
    }
}
