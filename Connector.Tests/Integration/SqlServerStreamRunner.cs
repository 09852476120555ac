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
/// One random stream end to end on SQL Server: a database of its own (deploy.sql refuses a database that already has
/// the catalog, so a second Realm path cannot be bootstrapped beside the first), its schema deployed from the real
/// deploy.sql (bootstrap's output) into a SQL schema of its own, every transaction applied through the connector's
/// <see cref="TransactionApplier"/> and to the model, and compared: the same transactions refused, then the same state.
/// The database is dropped afterwards, whatever happened.
/// </summary>
internal sealed class SqlServerStreamRunner(string server) : StreamReplay("SQL Server")
{
    /// <summary>Null when the database equals the model; else what differs.</summary>
    public async Task<string?> RunAsync(StreamCase stream, CancellationToken cancellationToken)
    {
        // Out of time (CancelAfter), most likely while CsCheck shrinks a failure: every later case fails at once, so say
        // what the first failing case found rather than leave only "a task was canceled" as the smallest failure.
        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                "the test ran out of time (CancelAfter) after " + Streams.ToString(CultureInfo.InvariantCulture) + " streams; " +
                (FirstDivergence is null ? "no divergence had been found." : "the first divergence found, before shrinking:\n" + FirstDivergence),
                cancellationToken);
        }

        var n = NextStream();
        var artifacts = SchemaArtifactGenerator.Generate(stream.InitialSchema, stream.RealmPath, "s" + n.ToString(CultureInfo.InvariantCulture), "random stream");
        await using var database = await TestDatabase.CreateAsync(server, cancellationToken);
        await database.RunScriptAsync(artifacts.DeployScript, cancellationToken);

        var applier = new TransactionApplier(new SqlConnectionFactory(database.ConnectionString), new ApplierOptions());
        var (realm, _) = await applier.FindAsync(stream.RealmPath, cancellationToken);
        var model = new RealmModel(ModelOptions.SqlServer);
        if (await ReplayAsync(applier, realm ?? throw new InvalidOperationException($"deploy.sql did not map Realm path '{stream.RealmPath}'"),
            stream, stream.RealmPath, model, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return Difference(StateTexts.FromModel(model, Canon.Tick), await SqlServerStateTexts.FromDatabaseAsync(connection, stream.RealmPath, cancellationToken));
    }
}
