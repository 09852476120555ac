using System.Data;
using Connector.ChangeTracking;
using Connector.Sql;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// <c>resend</c> on SQL Server: one poll pass (<see cref="PollPass"/>) of the Realm path with the tables of the chosen
/// classes forced whole, in ONE snapshot transaction with the catalog read, the outbox rows and the watermarks. The
/// classes re-sent go out as a retention reload sends them (CLEAR, INSERTs, collections, deferred links, with the
/// reload scope's linking classes); every other class's changes since the last pass go out in the same pass, so the
/// watermarks move over both and the incremental stream neither skips nor repeats a change.
/// </summary>
/// <remarks>
/// A pass of a running service may commit between this pass's snapshot and its writes: the later of the two then
/// fails on the watermark (snapshot update conflict, 3960) or on the outbox version (duplicate key, 2627) and rolls
/// back whole. The resend retries such a race as it retries any transient error (<see cref="IsRetried"/>), with the
/// Sync retry policy; a read that timed out gets twice the time on the next attempt (<see cref="PollTimeouts"/>).
/// </remarks>
public sealed class SqlServerResender(SqlConnectionFactory connections, PollOptions options, Action<string>? retrying = null) : IResender
{
    private readonly PollTimeouts timeouts = new();

    public async Task<ResendResult> ResendAsync(string realmPath, IReadOnlyCollection<string> classes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var policy = RetryPolicy.ForSync(options.MaxRetries, options.RetryDelay);
        try
        {
            return await policy.ExecuteAsync(
                (_, token) => AttemptAsync(realmPath, classes, token),
                IsRetried,
                (e, attempt, wait) => retrying?.Invoke(
                    $"resend of Realm path '{realmPath}': attempt {attempt} failed transiently ({e.Message}); rolled back, retrying in {wait}{Longer(realmPath, e)}"),
                cancellationToken);
        }
        catch (Exception e) when (IsRetried(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(
                $"resend of Realm path '{realmPath}' failed {policy.MaxAttempts} time(s) with a transient error (last: {e.Message}); " +
                "nothing was queued and no watermark moved. Run it again; if it keeps timing out, raise SqlServer.CommandTimeout.",
                ExitCodes.SqlUnavailable, e);
        }
    }

    /// <summary>A transient error (<see cref="TransientErrors"/>), or a duplicate key: a concurrent pass took the same outbox version first.</summary>
    public static bool IsRetried(Exception exception) =>
        exception is not OperationCanceledException &&
        (TransientErrors.IsTransient(exception) || exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => e.Number == BadInputErrors.DuplicateKey));

    private async Task<ResendResult> AttemptAsync(string realmPath, IReadOnlyCollection<string> classes, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken);
        // A partitioned mapping's row (its pattern) is no Realm path; one of its Realms is re-sent by the mapping's pass,
        // with that Realm's classes forced whole (its rows only), while the other Realms' changes go out as in any pass.
        var realm = ResendScope.FindRealm([.. (await CatalogStore.ListRealmsAsync(connection, transaction, cancellationToken)).Where(r => !r.Partitioned)], realmPath);
        var owner = realm.PartitionOf ?? realm.RealmId;
        var inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, transaction, owner, cancellationToken)
            ?? throw new ConnectorException(
                $"Realm path '{realmPath}' has no schema deployment in realmsync.SchemaDeployment: there is nothing to re-send; deploy its schema first.",
                ExitCodes.NotReady);
        var scope = ResendScope.Resolve(inForce.Mapping, classes);
        var commandTimeout = PollTimeouts.Seconds(connection.CommandTimeout, timeouts.Factor(realmPath));
        var pass = realm.PartitionOf is null
            ? await new PollPass(connection, transaction, realm.RealmId, inForce.Mapping, options, commandTimeout, scope.Tables).RunAsync(cancellationToken)
            : await ResendPartitionAsync(connection, transaction, realm, inForce.Mapping, commandTimeout, scope.Tables, cancellationToken);
        var written = new OutboxStore(connection, transaction).ReadRangeAsync(realm.RealmId, pass.FirstVersion, pass.FirstVersion + pass.Transactions - 1, cancellationToken);
        var tally = await scope.TallyAsync(written, scope.Reasons(pass.Reloads.Select(r => r.Table)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ResendResult(realmPath, pass, tally);
    }

    /// <summary>The partitioned mapping's pass, its counts those of <paramref name="realm"/>'s own outbound sequence.</summary>
    private async Task<PollResult> ResendPartitionAsync(
        SqlConnection connection, SqlTransaction transaction, Connector.Catalog.MappedRealm realm, SchemaGeneration.SchemaMapping mapping, int commandTimeout,
        IReadOnlySet<string> tables, CancellationToken cancellationToken)
    {
        var first = await new OutboxStore(connection, transaction).NextVersionAsync(realm.RealmId, cancellationToken);
        var pass = await new PartitionPollPass(connection, transaction, realm.PartitionOf!.Value, mapping, options, commandTimeout, (realm.RealmId, tables)).RunAsync(cancellationToken);
        var path = pass.Paths!.Single(p => p.RealmPath == realm.RealmPath);
        return pass with { FirstVersion = first, Transactions = (int)path.OutboxTransactions, Instructions = path.OutboxInstructions };
    }

    private string Longer(string realmPath, Exception exception) => TransientErrors.IsTimeout(exception)
        ? $", with {timeouts.TimedOut(realmPath)} times the configured command timeout (SqlServer.CommandTimeout)"
        : string.Empty;
}
