namespace Connector.SqlServer.Schema;

/// <summary>
/// What the applier calls for one child table (schema <c>realmsync</c>): list edits for a list of objects
/// (<c>LIST_*</c> instructions), or a whole-collection replace, with its item type, for the other
/// collections (whose values arrive whole in <c>values</c>).
/// </summary>
public sealed record CollectionRoutines(
    string Table,
    string? ItemType,
    string? Replace,
    string? ListInsert,
    string? ListSet,
    string? ListErase,
    string? ListClear);
