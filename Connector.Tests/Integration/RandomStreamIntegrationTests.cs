using Connector.Tests.Generators;
using Connector.Tests.Model;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, the proof on SQL Server: random valid streams (every property type and collection kind, hostile
/// names, edge values, null keys, schema growth) applied to a real SQL Server through the connector give exactly the
/// model's state (<see cref="ModelOptions.SqlServer"/>), and exactly the transactions the model says SQL Server must
/// refuse are refused. 50 streams by default (each in a database of its own, created and dropped: the server tier is
/// slower), more through REALMSYNC_RANDOM_ITERATIONS; a failure is shrunk and printed with its seed
/// (REALMSYNC_RANDOM_SEED replays it). Skipped, with the reason, when there is no server.
/// </summary>
[Category("Integration")]
[CancelAfter(1_800_000)]
public class RandomStreamIntegrationTests
{
    [Test]
    public void Random_streams_applied_to_SQL_Server_equal_the_model(CancellationToken cancellationToken)
    {
        var runner = new SqlServerStreamRunner(SqlServerFixture.Require());
        runner.Check(ValidStreams.For(ModelOptions.SqlServer), stream => runner.RunAsync(stream, cancellationToken), ciDefault: 50);
    }
}
