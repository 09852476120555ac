using Connector.Adapter;
using Connector.Catalog;
using Connector.SqlServer.Applier;

namespace Connector.Applier;

/// <summary>
/// The database side of the inbound runner (<see cref="InboundApplier"/>), one implementation per database
/// (DESIGN.md section 11): SQL Server's <see cref="TransactionApplier"/>, PostgreSQL's <c>Postgres/PgTransactionApplier</c>.
/// Each applies a transaction all-or-nothing with the cursor in the same database transaction.
/// </summary>
public interface IInboundStore
{
    /// <summary>The Realm path's catalog row and cursor (0 when it has no cursor row yet).</summary>
    Task<(MappedRealm? Realm, long Cursor)> FindAsync(string realmPath, CancellationToken cancellationToken);

    Task<ApplyOutcome> ApplyAsync(MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a Realm path that matches a partitioned mapping and is not registered yet (RealmId 0) in a transaction
    /// of its own, for a dead letter to name it; an applied transaction registers its path itself (<see cref="ApplyOutcome.Registered"/>).
    /// </summary>
    Task<MappedRealm> RegisterAsync(MappedRealm realm, CancellationToken cancellationToken) =>
        throw new ConnectorException($"Realm path '{realm?.RealmPath}': partitioned mappings are not served on this database yet.");

    /// <summary>Records a bad transaction in a transaction of its own and, when <paramref name="advanceCursor"/>, moves the cursor past it.</summary>
    Task DeadLetterAsync(DeadLetterRecord deadLetter, bool advanceCursor, CancellationToken cancellationToken);
}
