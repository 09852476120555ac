using Connector.Postgres;
using Connector.Tests.Generators;
using Connector.Tests.Model;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// The proof: random valid streams (every property type and collection kind, hostile names, edge values,
/// null keys, schema growth) applied to a real PostgreSQL through the connector give exactly the model's state, and
/// exactly the transactions the model says PostgreSQL must refuse are refused. 200 streams in CI, more through
/// REALMSYNC_RANDOM_ITERATIONS; a failure is shrunk and printed with its seed (REALMSYNC_RANDOM_SEED replays it).
/// </summary>
[TestFixture]
public sealed class RandomStreamTests
{
    [Test]
    public async Task Random_streams_applied_to_PostgreSQL_equal_the_model()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("streams");
        await using var connections = new PgConnectionFactory(connectionString);
        var runner = new StreamRunner(connectionString, connections);
        runner.Check(ValidStreams.For(ModelOptions.Postgres), stream => runner.RunAsync(stream), ciDefault: 200);
    }
}
