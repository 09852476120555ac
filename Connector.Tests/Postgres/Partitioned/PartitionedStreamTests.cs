using Connector.Postgres;
using Connector.Tests.Generators;
using Connector.Tests.Model;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// Issue 12's proof on a real PostgreSQL: random streams of 50 Realm paths (the seed's one private Realm per user), one
/// schema, applied into ONE set of shared tables; every path's rows equal the model of its own stream, whatever the
/// others did (CLEAR, DELETE, the same primary keys). 3 cases of 50 paths in CI, more through REALMSYNC_RANDOM_ITERATIONS.
/// </summary>
[TestFixture]
public sealed class PartitionedStreamTests
{
    private const int PathsPerCase = 50;

    [Test]
    public async Task Random_streams_of_50_paths_in_shared_tables_each_equal_their_own_model()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("partitioned");
        await using var connections = new PgConnectionFactory(connectionString);
        var runner = new PartitionedRunner(connectionString, connections);
        runner.Check(
            ValidStreams.Partitioned(ModelOptions.Postgres, PartitionedRunner.Paths(PathsPerCase)),
            runner.RunAsync,
            ciDefault: 3,
            print: streams => string.Join("\n", streams.Select(s => s.ToString())));
        TestContext.Progress.WriteLine($"partitioned: {runner.Streams} mappings of {PathsPerCase} Realm paths each");
    }
}
