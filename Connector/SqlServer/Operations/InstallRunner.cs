using Connector.Configuration;
using Connector.Operations;

namespace Connector.SqlServer.Operations;

/// <summary>
/// <c>install</c>: the catalog, the two database settings, the SQL-first tables (when configured) and the
/// permissions of the login it runs as, one line each. Exit 0 when the database is ready for the connector, <see cref="ExitCodes.NotReady"/> otherwise.
/// </summary>
public static class InstallRunner
{
    public static async Task<int> RunAsync(ConnectorOptions options, bool enableChangeTracking, int retentionDays, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var connection = await OperationsConnection.OpenAsync(options.SqlServer, cancellationToken);
        output.WriteLine($"Connected to {connection.Target}.");
        var state = await DatabaseProbe.ReadAsync(connection, cancellationToken);
        var results = new List<CheckResult>();
        results.AddRange(enableChangeTracking
            ? await DatabaseSettingsCheck.EnableAsync(connection, state, retentionDays, cancellationToken)
            : DatabaseSettingsCheck.Check(state, retentionDays));
        results.Add(await CatalogInstaller.InstallAsync(connection, cancellationToken));
        if (options.SqlFirst.Tables.Count > 0 && !results[^1].Failed)
        {
            results.AddRange(await SqlFirstInstall.RunAsync(options, cancellationToken));
        }

        // The catalog may have just been created: the permissions cover the schemas it maps now.
        state = state with { CatalogVersion = await DatabaseProbe.CatalogVersionAsync(connection, cancellationToken) };
        results.Add(await DatabaseSettingsCheck.WhenJsonWorksAsync(state, PermissionCheck.Name, () => PermissionCheck.CheckAsync(connection, state, options, cancellationToken)));
        foreach (var result in results)
        {
            output.WriteLine(result.Line());
        }

        return results.Any(r => r.Failed) ? ExitCodes.NotReady : ExitCodes.Success;
    }
}
