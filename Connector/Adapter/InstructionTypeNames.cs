namespace Connector.Adapter;

/// <summary>The <c>type</c> of each instruction as the protocol spells it.</summary>
public static class InstructionTypeNames
{
    public const string AddType = "ADD_TYPE";
    public const string AddProperties = "ADD_PROPERTIES";
    public const string Insert = "INSERT";
    public const string Set = "SET";
    public const string Delete = "DELETE";
    public const string Clear = "CLEAR";
    public const string ListSet = "LIST_SET";
    public const string ListInsert = "LIST_INSERT";
    public const string ListErase = "LIST_ERASE";
    public const string ListClear = "LIST_CLEAR";
    public const string ChangeIdentity = "CHANGE_IDENTITY";
    public const string SwapIdentity = "SWAP_IDENTITY";

    public static IReadOnlyList<string> All { get; } =
    [
        AddType, AddProperties, Insert, Set, Delete, Clear, ListSet, ListInsert, ListErase, ListClear, ChangeIdentity, SwapIdentity,
    ];

    public static string Of(Instruction instruction) => instruction switch
    {
        AddTypeInstruction => AddType,
        AddPropertiesInstruction => AddProperties,
        InsertInstruction => Insert,
        SetInstruction => Set,
        DeleteInstruction => Delete,
        ClearInstruction => Clear,
        ListSetInstruction => ListSet,
        ListInsertInstruction => ListInsert,
        ListEraseInstruction => ListErase,
        ListClearInstruction => ListClear,
        ChangeIdentityInstruction => ChangeIdentity,
        SwapIdentityInstruction => SwapIdentity,
        _ => throw new ArgumentOutOfRangeException(nameof(instruction), instruction, "not an Adapter instruction"),
    };
}
