using Connector.Sql;

namespace Connector.Applier;

/// <summary>
/// A scalar argument. <see cref="Value"/> is the CLR value SqlClient sends for <see cref="Type"/> (long, bool,
/// float, double, string, byte[], DateTime, SqlDecimal, Guid), or null for SQL NULL.
/// </summary>
public sealed record ScalarArgument(string Name, SqlColumnType Type, object? Value) : CallArgument(Name);
