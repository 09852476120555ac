using System.Collections.Immutable;

namespace Connector.ChangeTracking;

/// <summary>
/// <c>resend</c> (DESIGN.md section 8) on one database: queues the whole current content of classes of a Realm path
/// in the outbox, as <c>CLEAR</c> then <c>INSERT</c>s and links, exactly as a pass that fell behind the change
/// history re-sends a table, in the same transaction as the pass's other changes and its watermark (or LSN) write,
/// so that nothing is lost or sent twice relative to the incremental stream. The next ship writes it to the journal.
/// </summary>
public interface IResender
{
    /// <param name="realmPath">A Realm path mapped in the catalog; another one is refused (<see cref="ResendScope.FindRealm"/>).</param>
    /// <param name="classes">The classes to re-send (<see cref="ResendScope.Resolve"/>); empty: every class of the path.</param>
    Task<ResendResult> ResendAsync(string realmPath, IReadOnlyCollection<string> classes, CancellationToken cancellationToken);
}

/// <summary>
/// What a resend queued: the pass's result (outbox versions, counts, tables the change history no longer covered)
/// and, per class the pass wrote anything for, how it was sent and how much.
/// </summary>
public sealed record ResendResult(string RealmPath, PollResult Pass, ImmutableArray<ClassResend> Classes);

/// <summary>
/// One class of a resend: <see cref="Reason"/> says why it went whole (<see cref="ResendScope"/>'s reasons), or is
/// null for a class whose changes since the last pass were sent incrementally in the same pass.
/// </summary>
public sealed record ClassResend(string Class, string? Reason, int Transactions, long Instructions);
