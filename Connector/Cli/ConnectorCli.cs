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
        root.Subcommands.Add(InstallCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(SyncCommand.Build());
        root.Subcommands.Add(ResendCommand.Build());
        root.Subcommands.Add(StatusCommand.Build());
        root.Subcommands.Add(DoctorCommand.Build());
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
            // No ProcessTerminationTimeout: 'run' leaves signals to the host's lifetime (which waits for running
            // jobs), and 'sync' cancels its passes itself (Scheduling/ShutdownSignals).
            return result.Invoke(new InvocationConfiguration
            {
                Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
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

    /// <summary><c>--config FILE</c>, on every command that reads the configuration.</summary>
    public static Option<string> ConfigOption() => new("--config")
    {
        Description = "The configuration file (README.md, Configuration); the environment variable " +
            "RealmSqlServer__SqlServer__ConnectionString overrides its connection string.",
        HelpName = "FILE",
        DefaultValueFactory = _ => Configuration.ConnectorConfiguration.DefaultFile,
    };

    /// <summary>The asynchronous form of <see cref="Run"/>, for the commands that talk to SQL Server.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<TextWriter, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body(parseResult.InvocationConfiguration.Output);
        }
        catch (ConnectorException e)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: " + e.Message);
            return e.ExitCode;
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

    /// <summary><c>--provider</c>: the database to generate for; by default the configuration's Database:Provider, else SQL Server.</summary>
    public static Option<string> ProviderOption()
    {
        var option = new Option<string>("--provider")
        {
            Description = "The database: 'sqlserver' or 'postgres' (default: the configuration's Database:Provider when a configuration is read, else sqlserver).",
            HelpName = "sqlserver|postgres",
        };
        option.AcceptOnlyFromAmong(Configuration.DatabaseOptions.SqlServerName, Configuration.DatabaseOptions.PostgresName);
        return option;
    }

    public static Configuration.DatabaseProvider Provider(ParseResult parse, Option<string> option, Configuration.ConnectorOptions? options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) is { } given ? Configuration.DatabaseOptions.Parse(given)!.Value
            : options?.Served() ?? Configuration.DatabaseProvider.SqlServer;
    }
}
