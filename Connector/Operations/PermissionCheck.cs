namespace Connector.Operations;

/// <summary>The permissions check shared by <c>install</c> and <c>doctor</c>.</summary>
public static class PermissionCheck
{
    public const string Name = "permissions";

    public static async Task<CheckResult> CheckAsync(OperationsConnection connection, DatabaseState state, string dataSchema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var missing = await DatabaseProbe.MissingPermissionsAsync(connection, dataSchema, cancellationToken);
        return missing.Count == 0
            ? CheckResult.Pass(Name, $"login {state.LoginName} holds every permission the connector needs.")
            : CheckResult.Fail(Name, $"login {state.LoginName} lacks: {string.Join("; ", missing)}.",
                $"add its user to the role {RequiredPermissions.Role} created by scripts/sql-setup.sql (README.md, Installing the service).");
    }
}
