namespace Connector.Operations;

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

    /// <summary>Whether it reads the catalog (and so can be validated against the catalog model).</summary>
    public bool ReadsCatalog => Sql.Contains("[realmsync].", StringComparison.Ordinal);
}
