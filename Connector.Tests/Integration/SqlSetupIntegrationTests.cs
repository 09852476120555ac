using System.Data;
using Connector.Configuration;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, scripts/sql-setup.sql itself, run as the server administrator: its warnings (PRINTed), the login whose
/// user has another name, the database owner's login it refuses, and a sqlcmd value with a single quote, run as
/// sqlcmd runs it without -b (SSMS's SQLCMD mode): each batch runs, an error does not stop the script. Needs a
/// server that accepts SQL logins. Skipped, with the reason, without a server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class SqlSetupIntegrationTests
{
    [TestCase(SchemaOptions.Auto)]
    [TestCase(SchemaOptions.Script)]
    public async Task It_warns_of_a_table_in_the_data_schema_that_the_catalog_does_not_map(string applyMode, CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        await harness.Database.RunScriptAsync("CREATE TABLE [app].[Stray] ([id] int NOT NULL);", cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", applyMode, cancellationToken);

        var run = await RunAsync(harness.Database, (login.Name, "", applyMode), stopOnError: true, cancellationToken);

        Assert.That(run.Errors, Is.Empty);
        Assert.That(run.Messages.Where(m => m.StartsWith("Warning: the role's schema-level grants", StringComparison.Ordinal)).ToList(),
            Has.Count.EqualTo(1).And.All.Contain("not the connector's: [app].[Stray]. Move them"), "the generated tables ([app].[Dog], ...) are mapped");
        Assert.That(await login.HasPermissionAsync("[app].[Stray]", "OBJECT", "DELETE", cancellationToken), Is.True, "what the warning says: the schema-level grant reaches it");
    }

    [Test]
    public async Task A_login_mapped_to_a_user_of_another_name_joins_the_role_through_that_user(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        var name = "realmsync_sid_" + Guid.NewGuid().ToString("N")[..12];
        await CreateLoginAsync(harness.Database, name, cancellationToken);
        try
        {
            await harness.Database.RunScriptAsync($"CREATE USER [connector_user] FOR LOGIN {SqlIdentifier.Quote(name)} WITH DEFAULT_SCHEMA = [app];", cancellationToken);

            var run = await RunAsync(harness.Database, (name, "", SchemaOptions.Script), stopOnError: true, cancellationToken);

            Assert.That(run.Errors, Is.Empty);
            Assert.That(run.Messages, Does.Contain($"Adding user [connector_user] (login [{name}]) to [realmsync_connector]..."));
            Assert.That(await harness.Database.ScalarAsync("SELECT IS_ROLEMEMBER(N'realmsync_connector', N'connector_user')", cancellationToken), Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync($"SELECT COUNT(*) FROM sys.database_principals AS p WHERE p.[name] = N'{name}'", cancellationToken), Is.Zero, "no second user");
            Assert.That(run.Messages.Last(), Does.StartWith($"RealmSqlServer: database ready for login [{name}]"));
        }
        finally
        {
            await DropLoginAsync(harness.Database, name);
        }
    }

    [Test]
    public async Task The_database_owners_login_is_refused_and_nothing_is_granted(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        var name = "realmsync_own_" + Guid.NewGuid().ToString("N")[..12];
        var owner = (string)(await harness.Database.ScalarAsync("SELECT SUSER_SNAME(d.[owner_sid]) FROM sys.databases AS d WHERE d.[database_id] = DB_ID()", cancellationToken))!;
        await CreateLoginAsync(harness.Database, name, cancellationToken);
        try
        {
            await harness.Database.RunScriptAsync($"ALTER AUTHORIZATION ON DATABASE::{SqlIdentifier.Quote(harness.Database.Name)} TO {SqlIdentifier.Quote(name)};", cancellationToken);

            var run = await RunAsync(harness.Database, (name, "", SchemaOptions.Auto), stopOnError: false, cancellationToken);

            Assert.That(run.Errors, Has.One.StartWith($"The login [{name}] owns this database (it is mapped to the user dbo)"));
            Assert.That(run.Errors, Has.Count.EqualTo(1), "NOEXEC ON: the batches after the refusal only compile");
            Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM sys.database_principals AS p WHERE p.[name] = N'realmsync_connector'", cancellationToken), Is.Zero);
        }
        finally
        {
            await harness.Database.RunScriptAsync($"ALTER AUTHORIZATION ON DATABASE::{SqlIdentifier.Quote(harness.Database.Name)} TO {SqlIdentifier.Quote(owner)};", CancellationToken.None);
            await DropLoginAsync(harness.Database, name);
        }
    }

    [Test]
    public async Task A_single_quote_in_a_value_stops_the_script_naming_the_variable_even_without_b(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        var name = "realmsync_q'" + Guid.NewGuid().ToString("N")[..12];

        var run = await RunAsync(harness.Database, (name, "Lp-" + Guid.NewGuid().ToString("N") + "-Aa1", SchemaOptions.Auto), stopOnError: false, cancellationToken);

        Assert.That(run.Errors, Has.Some.StartWith("The check of the sqlcmd variable ConnectorLogin did not compile"));
        Assert.That(run.Messages, Has.None.StartWith("Creating login"));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM sys.database_principals AS p WHERE p.[name] IN (N'realmsync_connector', N'realmsync_owner')", cancellationToken), Is.Zero);
        Assert.That(await harness.Database.ScalarAsync("SELECT USER_NAME(s.[principal_id]) FROM sys.schemas AS s WHERE s.[name] = N'realmsync'", cancellationToken), Is.EqualTo("dbo"));
    }

    private sealed record Run(List<string> Messages, List<string> Errors);

    /// <summary>Runs sql-setup.sql (data schema app) batch by batch on one session, as sqlcmd does: with <paramref name="stopOnError"/> as -b, otherwise on past errors.</summary>
    private static async Task<Run> RunAsync(TestDatabase database, (string Login, string Password, string ApplyMode) variables, bool stopOnError, CancellationToken cancellationToken)
    {
        var run = new Run([], []);
        await using var connection = await database.OpenAsync(cancellationToken);
        connection.InfoMessage += (_, e) => run.Messages.AddRange(e.Errors.Cast<SqlError>().Select(m => m.Message));
        foreach (var batch in SqlBatches.Split(SqlCmdScript.SqlSetup(variables.Login, variables.Password, "app", variables.ApplyMode)))
        {
            try
            {
                await using var command = new SqlCommand(batch, connection) { CommandTimeout = 300 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqlException e) when (!stopOnError)
            {
                run.Errors.AddRange(e.Errors.Cast<SqlError>().Where(m => m.Class > 10).Select(m => m.Message));
            }
        }

        return run;
    }

    private static Task CreateLoginAsync(TestDatabase database, string name, CancellationToken cancellationToken) =>
        database.ExecuteOnServerAsync("EXEC (N'CREATE LOGIN ' + @quoted + N' WITH PASSWORD = N''' + @password + N''', CHECK_POLICY = ON');", cancellationToken,
            new SqlParameter("@quoted", SqlDbType.NVarChar, 300) { Value = SqlIdentifier.Quote(name) },
            new SqlParameter("@password", SqlDbType.NVarChar, 128) { Value = "Lp-" + Guid.NewGuid().ToString("N") + "-Aa1" });

    private static Task DropLoginAsync(TestDatabase database, string name) => LeastPrivilegeLogin.DropAsync(database, name);
}
