using System.Collections.Immutable;
using Connector.Catalog;

namespace Connector.Applier;

/// <summary>
/// A plan after conflict resolution: the calls to run (under sql-wins without the Realm changes that lost, the
/// collections SQL changed among them; under either policy without the LIST_* edits of objects SQL deleted and the
/// collections of SETs on them), the conflicts to record, and the SETs whose missing object is a conflict rather than
/// bad input.
/// </summary>
public sealed record ConflictResolution(TransactionPlan Plan, ImmutableArray<ConflictRecord> Conflicts, IReadOnlySet<int> ToleratedMissing)
{
    public static ConflictResolution None(TransactionPlan plan) => new(plan, [], new HashSet<int>());
}
