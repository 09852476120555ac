using System.Globalization;
using Connector.Configuration;
using Connector.SqlServer.Schema;

namespace Connector.SqlServer.Operations;

/// <summary>
/// <c>bootstrap --apply</c>: runs a <c>deploy.sql</c> on the configured database, batch by batch on one
/// connection, as sqlcmd would. The script is all-or-nothing by itself (one transaction, XACT_ABORT, a guard
/// after each batch); the first batch SQL Server refuses stops the run, with the batch's number and the error.
/// </summary>
public static class DeployScriptRunner
{
    public static async Task<int> RunAsync(SqlServerOptions options, string deployScript, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var batches = DeployScriptWriter.Batches(deployScript);
        await using var connection = await OperationsConnection.OpenAsync(options, cancellationToken);
        output.WriteLine($"Deploying to {connection.Target}: {batches.Count} batches.");
        for (var i = 0; i < batches.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"deploy.sql batch {i + 1} of {batches.Count}");
            await connection.ExecuteAsync(new OperationsQuery(name, batches[i]) { SchemaChange = true }, cancellationToken);
        }

        output.WriteLine($"Deployed to {connection.Target}: the catalog, the generated tables and the mapping are in place.");
        return ExitCodes.Success;
    }
}
