using System.Globalization;
using Connector.Postgres;
using Connector.Tests.Generators;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;
using Npgsql;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// Many Realm paths of one partitioned mapping on the test cluster (issue 12): deploys the mapping (deploy.sql, as
/// <c>bootstrap --provider postgres --realm-path-pattern</c> writes it) into a schema of its own, applies each path's
/// stream through the connector's applier (the first transaction of each path registers it) and to a model of its own,
/// and compares every path's rows, read through its views, with its model.
/// </summary>
internal sealed class PartitionedRunner(string connectionString, PgConnectionFactory connections) : StreamReplay("PostgreSQL (partitioned)")
{
    /// <summary>The seed's pattern (its JavaScript slashes and escapes dropped): one private Realm per user id.</summary>
    public const string Pattern = "^/([0-9a-f]+)/private$";

    public static IReadOnlyList<string> Paths(int count) =>
        [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"/{i * 7919:x6}/private"))];

    /// <summary>Deploys a partitioned mapping of <paramref name="schema"/>; returns its data schema.</summary>
    public async Task<string> DeployAsync(Connector.RealmSchema.RealmSchemaModel schema)
    {
        var sqlSchema = "p" + NextStream().ToString(CultureInfo.InvariantCulture);
        // Each deployment its own pattern too: the paths of one case must match one mapping only.
        var (_, script) = PgBootstrap.Generate(schema, "ignored", sqlSchema, "partitioned streams", Pattern.Replace("private", sqlSchema, StringComparison.Ordinal));
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var deploy = new NpgsqlCommand(script, connection);
        await deploy.ExecuteNonQueryAsync();
        return sqlSchema;
    }

    /// <summary>Null when every path's rows equal its model; else the first path that differs, and how.</summary>
    public async Task<string?> RunAsync(IReadOnlyList<StreamCase> streams)
    {
        var sqlSchema = await DeployAsync(streams[0].InitialSchema);
        var applier = new PgTransactionApplier(connections);
        var models = new Dictionary<string, RealmModel>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var path = stream.RealmPath.Replace("private", sqlSchema, StringComparison.Ordinal);
            var (realm, cursor) = await applier.FindAsync(path, CancellationToken.None);
            if (realm is not { Registered: false, PartitionOf: not null } || cursor != 0)
            {
                return $"{path}: expected an unregistered path of the partitioned mapping, found {realm} at cursor {cursor}";
            }

            var model = models[path] = new RealmModel(ModelOptions.Postgres);
            if (await ReplayAsync(applier, realm, stream, path, model, CancellationToken.None) is { } refusal)
            {
                return path + ": " + refusal;
            }
        }

        // Checked after every path ran: a later path's CLEAR or DELETE must have left the earlier paths' rows alone.
        await using var reader = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        foreach (var (path, model) in models)
        {
            if (Difference(StateTexts.FromModel(model), await StateTexts.FromDatabaseAsync(reader, path)) is { } difference)
            {
                return $"Realm path '{path}' differs from its model:\n{difference}";
            }
        }

        return null;
    }
}
