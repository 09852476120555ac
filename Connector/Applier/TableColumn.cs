using Connector.Sql;

namespace Connector.Applier;

public sealed record TableColumn(string Name, SqlColumnType Type);
