using System.Data;
using Connector.Configuration;
using Connector.Operations;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.Integration;

/// <summary>
/// A fresh SQL login set up exactly as the DBA guide says: <c>scripts/sql-setup.sql</c> run by the server
/// administrator in the test database, with its sqlcmd variables. What the connector then does as this login
/// is what a least-privilege deployment can do: a permission the role lacks fails the test, where the rest of
/// the integration tier (which runs as the administrator) cannot see it. The server must accept SQL logins
/// (mixed authentication; the Testcontainers server does). The login is dropped afterwards.
/// </summary>
public sealed class LeastPrivilegeLogin : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _dataSchema;

    // CHECK_POLICY = ON: upper and lower case, digits and a symbol; no single quote (the script forbids it).
    private readonly string _password = "Lp-" + Guid.NewGuid().ToString("N") + "-Aa1";

    private LeastPrivilegeLogin(TestDatabase database, string dataSchema)
    {
        _database = database;
        _dataSchema = dataSchema;
        Name = "realmsync_lp_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new SqlConnectionStringBuilder(database.ConnectionString)
        {
            IntegratedSecurity = false,
            Authentication = SqlAuthenticationMethod.NotSpecified,
            UserID = Name,
            Password = _password,
            // Its own pool: the administrator's pooled connections must never serve this login.
            ApplicationName = "realmsync-least-privilege",
        }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The test database, logged in as this login (never as the administrator).</summary>
    public string ConnectionString { get; }

    public static async Task<LeastPrivilegeLogin> CreateAsync(TestDatabase database, string dataSchema, string applyMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var login = new LeastPrivilegeLogin(database, dataSchema);
        await login.SetUpAsync(applyMode, cancellationToken);
        return login;
    }

    /// <summary>Runs sql-setup.sql (again) for this login, as a DBA does with <c>-v ... ApplyMode=...</c>.</summary>
    public Task SetUpAsync(string applyMode, CancellationToken cancellationToken) =>
        _database.RunScriptAsync(SqlCmdScript.SqlSetup(Name, _password, _dataSchema, applyMode), cancellationToken);

    /// <summary>The connector's options as this login, for <paramref name="applyMode"/> and the SQL-first tables given.</summary>
    public ConnectorOptions Options(string applyMode, params string[] sqlFirstTables)
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = ConnectionString;
        options.SqlServer.Schema = _dataSchema;
        options.Schema.ApplyMode = applyMode;
        foreach (var table in sqlFirstTables)
        {
            options.SqlFirst.Tables.Add(table);
        }

        return options;
    }

    /// <summary>doctor's permission check, as this login.</summary>
    public async Task<CheckResult> PermissionsAsync(ConnectorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var connection = await OperationsConnection.OpenAsync(options.SqlServer, cancellationToken);
        var state = await DatabaseProbe.ReadAsync(connection, cancellationToken);
        Assert.That(state.LoginName, Is.EqualTo(Name));
        return await PermissionCheck.CheckAsync(connection, state, options, cancellationToken);
    }

    /// <summary>Whether the login holds <paramref name="permission"/> on a securable, as SQL Server evaluates it for the login itself.</summary>
    public async Task<bool> HasPermissionAsync(string? securable, string securableClass, string permission, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand("SELECT HAS_PERMS_BY_NAME(@securable, @class, @permission);", connection);
        command.Parameters.Add("@securable", SqlDbType.NVarChar, 512).Value = (object?)securable ?? DBNull.Value;
        command.Parameters.Add("@class", SqlDbType.NVarChar, 60).Value = securableClass;
        command.Parameters.Add("@permission", SqlDbType.NVarChar, 60).Value = permission;
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    /// <summary>Ends every session of the login <c>@login</c> and drops it (<c>@quoted</c>: its quoted name), in master.</summary>
    public const string DropLogin =
        "DECLARE @session int, @kill nvarchar(40), @tries int = 0;\n" +
        "WHILE EXISTS (SELECT 1 FROM sys.dm_exec_sessions AS s WHERE s.login_name = @login) AND @tries < 60\n" +
        "BEGIN\n" +
        "    DECLARE sessions CURSOR LOCAL FAST_FORWARD FOR SELECT s.session_id FROM sys.dm_exec_sessions AS s WHERE s.login_name = @login;\n" +
        "    OPEN sessions;\n" +
        "    FETCH NEXT FROM sessions INTO @session;\n" +
        "    WHILE @@FETCH_STATUS = 0\n" +
        "    BEGIN\n" +
        "        SET @kill = N'KILL ' + CAST(@session AS nvarchar(10)) + N';';\n" +
        "        BEGIN TRY EXEC (@kill); END TRY BEGIN CATCH END CATCH;\n" +
        "        FETCH NEXT FROM sessions INTO @session;\n" +
        "    END;\n" +
        "    CLOSE sessions;\n" +
        "    DEALLOCATE sessions;\n" +
        "    SET @tries += 1;\n" +
        "    WAITFOR DELAY '00:00:00.500';\n" +
        "END;\n" +
        "IF SUSER_ID(@login) IS NOT NULL EXEC (N'DROP LOGIN ' + @quoted);";

    public ValueTask DisposeAsync() => new(DropAsync(_database, Name));

    /// <summary>
    /// Drops a login of the tests. A login with a session cannot be dropped (Msg 15434): its sessions are ended
    /// first. A session may end between the SELECT and its KILL (Msg 6106), and a killed session may still be
    /// rolling back: each KILL is tried on its own, and the loop waits (up to 30 s) until no session is left.
    /// </summary>
    public static Task DropAsync(TestDatabase database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        SqlConnection.ClearAllPools();
        return database.ExecuteOnServerAsync(
            DropLogin,
            CancellationToken.None,
            new SqlParameter("@login", SqlDbType.NVarChar, 128) { Value = name },
            new SqlParameter("@quoted", SqlDbType.NVarChar, 300) { Value = SqlIdentifier.Quote(name) });
    }
}
