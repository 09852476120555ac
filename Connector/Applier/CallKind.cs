namespace Connector.Applier;

/// <summary>What a planned call does, and so what the executor does with its result.</summary>
public enum CallKind
{
    Upsert,

    /// <summary>Returns the ordinals of the rows whose object does not exist: bad input or a conflict.</summary>
    Update,
    Delete,
    Clear,
    Rekey,
    Replace,
    ListInsert,
    ListSet,
    ListErase,
    ListClear,
}
