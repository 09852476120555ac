namespace Connector.ChangeTracking;

/// <summary>
/// The passes a pass makes over its class rows, so that instructions come out in dependency order without
/// holding more than a page: targets before the objects that link to them, collections after every object
/// exists, links that close a cycle after both ends exist, deletes last.
/// </summary>
public enum DeltaPhase
{
    /// <summary>INSERT (op I) and SET (op U) with every mapped column but deferred links.</summary>
    Upserts,

    /// <summary>SET of the links <see cref="ChangeOrder"/> deferred (cycles, self-links) and of mixed values holding links.</summary>
    DeferredLinks,

    /// <summary>DELETE of rows deleted (op D) or gone since they changed.</summary>
    Deletes,
}
