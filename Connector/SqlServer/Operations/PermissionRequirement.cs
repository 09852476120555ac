namespace Connector.SqlServer.Operations;

/// <summary>
/// One permission the connector needs: on a schema or a table (<see cref="Securable"/> named; a table as its quoted
/// two-part name, class <c>OBJECT</c>) or on the database (<see cref="Securable"/> null), and why, for the message
/// that lists what is missing.
/// </summary>
public sealed record PermissionRequirement(string? Securable, string SecurableClass, string Permission, string Why)
{
    public const string Schema = "SCHEMA";
    public const string Object = "OBJECT";
    public const string Database = "DATABASE";

    /// <summary>
    /// A table of SqlFirst.Tables that the catalog does not map yet: checked only when the login can see it (an
    /// absent table, or one the login has no permission on at all, is hidden from it by metadata visibility).
    /// </summary>
    public bool OnlyIfVisible { get; init; }

    public string Describe() => SecurableClass switch
    {
        Database => $"{Permission} on the database",
        Object => $"{Permission} on table {Securable}",
        _ => $"{Permission} on {SecurableClass.ToLowerInvariant()} {Securable}",
    };
}
