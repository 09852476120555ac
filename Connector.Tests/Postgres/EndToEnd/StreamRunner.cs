using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Postgres;
using Connector.Tests.Generators;
using Connector.Tests.Model;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// One random stream end to end on PostgreSQL: bootstrap its schema (deploy.sql, as <c>bootstrap --provider postgres</c>
/// writes it) into a schema of its own under a Realm path of its own, apply every transaction through the connector's
/// PostgreSQL applier and to the model, and compare: the same transactions refused, then the same state.
/// </summary>
internal sealed class StreamRunner(string connectionString, PgConnectionFactory connections)
{
    private int _streams;

    public long Transactions { get; private set; }

    public long Instructions { get; private set; }

    public long Refused { get; private set; }

    public int Streams => _streams;

    /// <summary>Null when the database equals the model; else what differs.</summary>
    public async Task<string?> RunAsync(StreamCase stream, PgTransactionApplier? applier = null)
    {
        var n = Interlocked.Increment(ref _streams);
        var path = stream.RealmPath + "#" + n.ToString(CultureInfo.InvariantCulture);
        var (_, script) = PgBootstrap.Generate(stream.InitialSchema, path, "s" + n.ToString(CultureInfo.InvariantCulture), "random stream");
        await using (var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
        await using (var deploy = new NpgsqlCommand(script, connection))
        {
            await deploy.ExecuteNonQueryAsync();
        }

        applier ??= new PgTransactionApplier(connections);
        var (realm, _) = await applier.FindAsync(path, CancellationToken.None);
        var model = new RealmModel(ModelOptions.Postgres);
        var report = new StringBuilder();
        foreach (var original in stream.Transactions)
        {
            var transaction = original with { RealmPath = path };
            Transactions++;
            Instructions += transaction.Instructions.Length;
            var expected = model.Apply(transaction);
            string actual;
            try
            {
                var outcome = await applier.ApplyAsync(realm!, transaction, CancellationToken.None);
                actual = outcome.Status.ToString();
            }
            catch (AdapterFormatException e)
            {
                actual = $"Refused ({e.Message})";
            }

            if (expected.Status == ModelStatus.Refused)
            {
                Refused++;
            }

            if ((expected.Status == ModelStatus.Refused) != actual.StartsWith("Refused", StringComparison.Ordinal))
            {
                report.Append(CultureInfo.InvariantCulture, $"version {transaction.Version}: the model says {expected}, PostgreSQL says {actual}\n");
                return report.ToString();
            }
        }

        await using var reader = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        var database = await StateTexts.FromDatabaseAsync(reader, path);
        var oracle = StateTexts.FromModel(model);
        if (database.SetEquals(oracle))
        {
            return null;
        }

        foreach (var line in oracle.Except(database).Take(5))
        {
            report.Append("model only:    ").Append(line).Append('\n');
        }

        foreach (var line in database.Except(oracle).Take(5))
        {
            report.Append("database only: ").Append(line).Append('\n');
        }

        return report.ToString();
    }
}
