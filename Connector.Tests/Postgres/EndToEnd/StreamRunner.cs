using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;
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
internal sealed class StreamRunner(string connectionString, PgConnectionFactory connections) : StreamReplay("PostgreSQL")
{
    /// <summary>Null when the database equals the model; else what differs.</summary>
    public async Task<string?> RunAsync(StreamCase stream, PgTransactionApplier? applier = null)
    {
        var n = NextStream();
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
        if (await ReplayAsync(applier, realm!, stream, path, model, CancellationToken.None) is { } refusal)
        {
            return refusal;
        }

        await using var reader = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        return Difference(StateTexts.FromModel(model), await StateTexts.FromDatabaseAsync(reader, path));
    }
}

/// <summary>
/// What every database's random stream run shares: each transaction applied to the model and through the database's
/// <see cref="IInboundStore"/>, the refusals compared, and the two states compared; with the counts a run prints.
/// </summary>
internal abstract class StreamReplay(string databaseName)
{
    private int _streams;

    public long Transactions { get; protected set; }

    public long Instructions { get; protected set; }

    public long Refused { get; private set; }

    public int Streams => _streams;

    /// <summary>The first divergence found (before CsCheck shrank it), or null.</summary>
    public string? FirstDivergence { get; private set; }

    /// <summary>
    /// Runs <paramref name="ciDefault"/> streams of <paramref name="streams"/> (<see cref="RandomRuns.Check"/>), each
    /// through <paramref name="run"/>, which gives what differs or null; then prints the counts and the time taken.
    /// </summary>
    public void Check<T>(CsCheck.Gen<T> streams, Func<T, Task<string?>> run, int ciDefault, Func<T, string>? print = null)
    {
        var started = DateTime.UtcNow;
        RandomRuns.Check(
            streams,
            stream =>
            {
                string? divergence;
                try
                {
                    divergence = run(stream).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    FirstDivergence ??= $"{e.GetType().Name}: {e.Message}";
                    throw;
                }

                FirstDivergence ??= divergence;
                Assert.That(divergence, Is.Null, $"{databaseName} differs from the model:\n{divergence}");
            },
            ciDefault,
            print: print ?? (stream => stream?.ToString() ?? string.Empty));
        TestContext.Progress.WriteLine(
            $"{databaseName} random streams: {Streams} streams, {Transactions} transactions, {Instructions} instructions " +
            $"({Refused} transactions refused as the model says) in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    protected int NextStream() => Interlocked.Increment(ref _streams);

    /// <summary>
    /// Applies every transaction of <paramref name="stream"/>, moved to <paramref name="path"/>, to <paramref name="model"/>
    /// and through <paramref name="store"/>: null when the same ones were refused, else the first that differs.
    /// </summary>
    protected async Task<string?> ReplayAsync(IInboundStore store, MappedRealm realm, StreamCase stream, string path, RealmModel model, CancellationToken cancellationToken)
    {
        foreach (var original in stream.Transactions)
        {
            var transaction = original with { RealmPath = path };
            Transactions++;
            Instructions += transaction.Instructions.Length;
            var expected = model.Apply(transaction);
            string actual;
            try
            {
                var outcome = await store.ApplyAsync(realm, transaction, cancellationToken);
                realm = outcome.Registered ?? realm;
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
                return $"version {transaction.Version}: the model says {expected}, {databaseName} says {actual}\n";
            }
        }

        return null;
    }

    /// <summary>Null when the states are equal; else up to five lines only the model has and five only the database has.</summary>
    protected static string? Difference(SortedSet<string> oracle, SortedSet<string> database)
    {
        if (database.SetEquals(oracle))
        {
            return null;
        }

        var report = new StringBuilder();
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
