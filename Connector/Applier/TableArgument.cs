using System.Collections.Immutable;

namespace Connector.Applier;

/// <summary>
/// A table-valued argument: rows of the table type <see cref="TypeName"/> (in schema realmsync), each an array
/// of CLR values in <see cref="Columns"/> order (see <see cref="ScalarArgument"/> for the value types).
/// </summary>
public sealed record TableArgument(string Name, string TypeName, ImmutableArray<TableColumn> Columns, IReadOnlyList<object?[]> Rows)
    : CallArgument(Name);
