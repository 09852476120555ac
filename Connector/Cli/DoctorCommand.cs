using System.CommandLine;
using Connector.Configuration;
using Connector.Operations;

namespace Connector.Cli;

/// <summary><c>doctor</c>: one line per check with its fix; the offline checks run without SQL Server.</summary>
public static class DoctorCommand
{
    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var command = new Command(
            "doctor",
            "Check the configuration, the journal folder, the connection, the catalog, Change Tracking, snapshot isolation and the " +
            "connector's permissions; one line per check with the fix. Exits non-zero when any check fails.")
        {
            config,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, output =>
            DoctorRunner.RunAsync(ConnectorConfiguration.Load(parse.GetValue(config)!), output, ct)));
        return command;
    }
}
