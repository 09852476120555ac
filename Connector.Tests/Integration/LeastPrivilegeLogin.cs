using System.Data;
using Connector.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.Integration;

/// <summary>
/// A fresh SQL login set up exactly as the DBA guide says: <c>scripts/sql-setup.sql</c> run by the server
/// administrator in the test database, with its sqlcmd variables. What the connector then does as this login
/// is what a least-privilege deployment can do: a permission the role lacks fails the test, where the rest of
/// the integration tier (which runs as the administrator) cannot see it. The login is dropped afterwards.
/// </summary>
public sealed class LeastPrivilegeLogin : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private LeastPrivilegeLogin(TestDatabase database, string name, string connectionString)
    {
        _database = database;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The test database, logged in as this login (never as the administrator).</summary>
    public string ConnectionString { get; }

    /// <param name="variables">sqlcmd variables beyond the login's own (DataSchema, ApplyMode, ...), as a DBA passes them with -v.</param>
    public static async Task<LeastPrivilegeLogin> CreateAsync(TestDatabase database, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(variables);
        var name = "realmsync_lp_" + Guid.NewGuid().ToString("N")[..12];
        // CHECK_POLICY = ON: upper and lower case, digits and a symbol; no single quote (the script forbids it).
        var password = "Lp-" + Guid.NewGuid().ToString("N") + "-Aa1";
        var all = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectorLogin"] = name,
            ["ConnectorPassword"] = password,
        };
        await database.RunScriptAsync(SqlCmdScript.Substitute(SqlCmdScript.Load("sql-setup.sql"), all), cancellationToken);
        var builder = new SqlConnectionStringBuilder(database.ConnectionString)
        {
            IntegratedSecurity = false,
            Authentication = SqlAuthenticationMethod.NotSpecified,
            UserID = name,
            Password = password,
            // Its own pool: the administrator's pooled connections must never serve this login.
            ApplicationName = "realmsync-least-privilege",
        };
        return new LeastPrivilegeLogin(database, name, builder.ConnectionString);
    }

    /// <summary>Whether the login holds <paramref name="permission"/> on a securable, as SQL Server evaluates it for the login itself.</summary>
    public async Task<bool> HasPermissionAsync(string securable, string securableClass, string permission, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand("SELECT HAS_PERMS_BY_NAME(@securable, @class, @permission);", connection);
        command.Parameters.Add("@securable", SqlDbType.NVarChar, 512).Value = (object?)securable ?? DBNull.Value;
        command.Parameters.Add("@class", SqlDbType.NVarChar, 60).Value = securableClass;
        command.Parameters.Add("@permission", SqlDbType.NVarChar, 60).Value = permission;
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        // A login with a session cannot be dropped (Msg 15434): end its sessions first.
        await _database.ExecuteOnServerAsync(
            "DECLARE @kill nvarchar(max) = N'';\n" +
            "SELECT @kill += N'KILL ' + CAST(s.session_id AS nvarchar(10)) + N';' FROM sys.dm_exec_sessions AS s WHERE s.login_name = @login;\n" +
            "EXEC (@kill);\n" +
            "IF SUSER_ID(@login) IS NOT NULL EXEC (N'DROP LOGIN ' + @quoted);",
            CancellationToken.None,
            new SqlParameter("@login", SqlDbType.NVarChar, 128) { Value = Name },
            new SqlParameter("@quoted", SqlDbType.NVarChar, 300) { Value = SqlIdentifier.Quote(Name) });
    }
}
