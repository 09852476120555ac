using System.Globalization;
using Connector.Applier;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Generators;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;

namespace Connector.Tests.Integration;

/// <summary>
/// Many Realm paths of one partitioned mapping on SQL Server (issue 12), the twin of PostgreSQL's PartitionedRunner: a
/// database of its own with the mapping deployed by the real deploy.sql, each path's stream applied through the
/// connector's <see cref="TransactionApplier"/> (the first transaction of each path registers it) and to a model of its
/// own, then every path's rows, read through its per-Realm views, compared with its model.
/// </summary>
internal sealed class PartitionedSqlServerRunner(string server) : StreamReplay("SQL Server (partitioned)")
{
    /// <summary>Null when every path's rows equal its model; else the first path that differs, and how.</summary>
    public async Task<string?> RunAsync(IReadOnlyList<StreamCase> streams, CancellationToken cancellationToken)
    {
        var n = NextStream();
        var artifacts = SchemaArtifactGenerator.Generate(streams[0].InitialSchema, "ignored", "p" + n.ToString(CultureInfo.InvariantCulture), "partitioned streams", PartitionedWorld.Pattern);
        await using var database = await TestDatabase.CreateAsync(server, cancellationToken);
        await database.RunScriptAsync(artifacts.DeployScript, cancellationToken);
        var applier = new TransactionApplier(new SqlConnectionFactory(database.ConnectionString), new ApplierOptions());
        var models = new Dictionary<string, RealmModel>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var (realm, cursor) = await applier.FindAsync(stream.RealmPath, cancellationToken);
            if (realm is not { Registered: false, PartitionOf: not null } || cursor != 0)
            {
                return $"{stream.RealmPath}: expected an unregistered path of the partitioned mapping, found {realm} at cursor {cursor}";
            }

            var model = models[stream.RealmPath] = new RealmModel(ModelOptions.SqlServer);
            if (await ReplayAsync(applier, realm, stream, stream.RealmPath, model, cancellationToken) is { } refusal)
            {
                return stream.RealmPath + ": " + refusal;
            }
        }

        // Checked after every path ran: a later path's CLEAR or DELETE must have left the earlier paths' rows alone.
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (path, model) in models)
        {
            if (Difference(StateTexts.FromModel(model, Canon.Tick), await SqlServerStateTexts.FromDatabaseAsync(connection, path, cancellationToken)) is { } difference)
            {
                return $"Realm path '{path}' differs from its model:\n{difference}";
            }
        }

        return null;
    }
}
