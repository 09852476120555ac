namespace Connector.Operations;

/// <summary>
/// One permission the connector needs: on a schema (<see cref="Securable"/> named) or on the database
/// (<see cref="Securable"/> null), and why, for the message that lists what is missing.
/// </summary>
public sealed record PermissionRequirement(string? Securable, string SecurableClass, string Permission, string Why)
{
    public string Describe() => Securable is null
        ? $"{Permission} on the database"
        : $"{Permission} on {SecurableClass.ToLowerInvariant()} {Securable}";

    public string GrantStatement(string principal) => Securable is null
        ? $"GRANT {Permission} TO {principal};"
        : $"GRANT {Permission} ON {SecurableClass}::{Sql.SqlIdentifier.Quote(Securable)} TO {principal};";
}
