namespace Connector.SqlServer.Operations;

/// <summary>
/// One fixed statement the operational commands send, with the SQL type of each parameter, so that the
/// tests can parse it and validate it inside the DacFx model (wrapped in a procedure with these parameters).
/// </summary>
public sealed record OperationsQuery(string Name, string Sql, IReadOnlyList<(string Name, string SqlType)> Parameters)
{
    public OperationsQuery(string name, string sql)
        : this(name, sql, [])
    {
    }

    /// <summary>A batch of DDL (deploy.sql, the catalog): it runs under <c>SqlServer.SchemaCommandTimeout</c>, not the ordinary timeout.</summary>
    public bool SchemaChange { get; init; }

    /// <summary>
    /// Whether it reads or writes catalog tables, and so can be validated against the catalog model. The others
    /// read only system views, which the model does not hold (it has no master.dacpac reference): they are parsed.
    /// </summary>
    public bool ReadsCatalog => System.Text.RegularExpressions.Regex.IsMatch(Sql, @"\b(FROM|JOIN|INTO)\s+\[realmsync\]\.");
}
