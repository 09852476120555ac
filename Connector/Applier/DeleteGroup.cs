using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Schema;

namespace Connector.Applier;

/// <summary>Consecutive DELETEs of one class as one call; deleting an object twice is deleting it once.</summary>
public sealed class DeleteGroup(MappingContext context, ClassMapping mapped, int firstInstruction)
{
    private readonly HashSet<object> _keys = new(context.Keys);
    private readonly List<object?[]> _rows = [];
    private readonly int _firstInstruction = firstInstruction;
    private int _lastInstruction = firstInstruction;

    public string ClassName => mapped.Class.Name;

    public void Add(object key, int index)
    {
        _lastInstruction = index;
        if (_keys.Add(key))
        {
            _rows.Add([key]);
        }
    }

    public PlannedCall Call()
    {
        var keys = new TableArgument(
            "@keys",
            context.Objects.KeyTypes[mapped.KeySqlType],
            [new TableColumn(KeyTypeWriter.KeyColumn, SqlColumnType.Parse(mapped.KeySqlType))],
            _rows);
        return new PlannedCall(context.Objects.Classes[mapped.Table].Delete, CallKind.Delete, ClassName, [keys], _firstInstruction, _lastInstruction);
    }
}
