using System.CommandLine;

namespace Connector.Cli;

/// <summary>
/// The command line (DESIGN.md section 8). Every command's action runs through <see cref="Run"/>, which
/// turns a <see cref="ConnectorException"/> into its message on stderr and its exit code.
/// </summary>
public static class ConnectorCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "realm-sqlserver: a two-way connector between Realm and Microsoft SQL Server. " +
            "Run 'realm-sqlserver <command> --help' for a command's options.");
        root.Subcommands.Add(BootstrapCommand.Build());
        root.Subcommands.Add(InspectCommand.Build());
        root.Subcommands.Add(PlanCommand.Build());
        return root;
    }

    public static int Invoke(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var result = Build().Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine("error: " + parseError.Message);
            }

            error.WriteLine("Run with --help to see the options.");
            return ExitCodes.Usage;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last resort: an unexpected error is a bug, reported with its stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine("internal error (a bug in realm-sqlserver; please report it with this output):");
            error.WriteLine(e.ToString());
            return ExitCodes.Failure;
        }
    }

    /// <summary>Runs a command body; a deliberate error becomes one clear line and its exit code.</summary>
    public static int Run(ParseResult parseResult, Func<TextWriter, int> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(parseResult.InvocationConfiguration.Output);
        }
        catch (ConnectorException e)
        {
            error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
    }
}
