using System.Collections.Immutable;
using Connector.ChangeTracking;

namespace Connector.Postgres;

/// <summary>
/// <c>resend</c> on PostgreSQL: one capture pass (<see cref="PgCapturePass"/>) of the Realm path with the tables of the
/// chosen classes forced whole. The pass reads the slot up to a barrier emitted after its snapshot and every table in
/// that snapshot, and commits the outbox rows with the barrier's position; so the classes re-sent and every other
/// class's changes since the last pass go out together, and the slot neither skips nor repeats a change. A pass of a
/// running service waits for it on the path's advisory lock.
/// </summary>
public sealed class PgResender(PgConnectionFactory connections, PgCapturePass capture) : IResender
{
    public async Task<ResendResult> ResendAsync(string realmPath, IReadOnlyCollection<string> classes, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var realm = ResendScope.FindRealm([.. (await PgCatalogStore.ListRealmsAsync(connection, cancellationToken)).Where(r => !r.Partitioned)], realmPath);
        // A path of a partitioned mapping: the mapping's pass, with this path's classes forced whole (its rows only).
        var owner = realm.PartitionOf ?? realm.RealmId;
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, owner, cancellationToken)
            ?? throw new ConnectorException(
                $"Realm path '{realmPath}' has no schema deployment in realmsync.\"SchemaDeployment\": there is nothing to re-send; deploy its schema first.",
                ExitCodes.NotReady);
        var scope = ResendScope.Resolve(mapping, classes);
        var first = await new PgOutboxStore(connection).NextVersionAsync(realm.RealmId, cancellationToken);
        var pass = await capture.RunAsync(connection, owner, mapping, scope.Tables, cancellationToken, realm.PartitionOf is null ? null : realm.RealmId);
        if (pass.Paths?.FirstOrDefault(p => p.RealmPath == realmPath) is { } path)
        {
            pass = pass with { FirstVersion = first, Transactions = (int)path.OutboxTransactions, Instructions = path.OutboxInstructions };
        }

        var written = new PgOutboxStore(connection).ReadRangeAsync(realm.RealmId, pass.FirstVersion, pass.FirstVersion + pass.Transactions - 1, cancellationToken);
        ImmutableArray<ClassResend> tally = await scope.TallyAsync(written, scope.Reasons(pass.Reloads.Select(r => r.Table)), cancellationToken);
        return new ResendResult(realmPath, pass, tally);
    }
}
