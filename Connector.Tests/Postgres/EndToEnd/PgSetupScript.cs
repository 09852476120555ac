using System.Text;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// <c>scripts/postgres-setup.sql</c> run the way a DBA runs it (psql, <c>-v</c> variables, ON_ERROR_STOP), a test
/// role of a unique name (roles are the server's, not the database's) and what it leaves to compare two runs by.
/// </summary>
internal static class PgSetupScript
{
    public static readonly string ScriptPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "scripts", "postgres-setup.sql");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>A role name no other test or run uses.</summary>
    public static string NewRoleName(string purpose) => $"realmsync_{purpose}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs the script on the database of <paramref name="connectionString"/> with the given psql variables.</summary>
    public static CommandResult Run(string connectionString, params (string Name, string Value)[] variables)
    {
        var arguments = new List<string> { "-X", "-v", "ON_ERROR_STOP=1", "-d", ConnInfo(connectionString), "-f", ScriptPath };
        foreach (var (name, value) in variables)
        {
            arguments.AddRange(["-v", $"{name}={value}"]);
        }

        return CommandResult.Run(Psql(), arguments, Timeout);
    }

    /// <summary>The connection string of <paramref name="role"/> on the same database (its password, for a server that asks).</summary>
    public static string As(string connectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password, Pooling = false }.ConnectionString;

    /// <summary>
    /// What the script decides, as sorted text: the role's attributes, the database's ACL, every schema's owner and ACL,
    /// the owner and ACL of every table in realmsync and the data schema, and the default privileges.
    /// </summary>
    public static async Task<string> StateAsync(string connectionString, string role, string dataSchema)
    {
        const string sql = """
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT 'role ' || r.rolname || ' super=' || r.rolsuper || ' createdb=' || r.rolcreatedb || ' createrole=' || r.rolcreaterole
                       || ' login=' || r.rolcanlogin || ' replication=' || r.rolreplication
                FROM pg_catalog.pg_roles AS r WHERE r.rolname = @role
                UNION ALL
                SELECT 'database ' || coalesce(d.datacl::text, '-') FROM pg_catalog.pg_database AS d WHERE d.datname = current_database()
                UNION ALL
                SELECT 'schema ' || n.nspname || ' owner=' || pg_catalog.pg_get_userbyid(n.nspowner) || ' ' || coalesce(n.nspacl::text, '-')
                FROM pg_catalog.pg_namespace AS n WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                UNION ALL
                SELECT 'table ' || n.nspname || '.' || c.relname || ' owner=' || pg_catalog.pg_get_userbyid(c.relowner) || ' ' || coalesce(c.relacl::text, '-')
                FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('realmsync', @schema) AND c.relkind IN ('r', 'p')
                UNION ALL
                SELECT 'default ' || a.defaclobjtype::text || ' ' || coalesce(a.defaclacl::text, '-') FROM pg_catalog.pg_default_acl AS a
            ) AS s(line);
            """;
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("role", role);
        command.Parameters.AddWithValue("schema", dataSchema);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/> as the admin on the database of <paramref name="connectionString"/>.</summary>
    public static async Task<object?> AdminAsync(string connectionString, string sql)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a fresh database with one new role name per purpose, and removes those roles
    /// afterwards whatever happens (databases go at the run's end; roles are the server's).
    /// </summary>
    public static async Task WithRolesAsync(string prefix, string[] purposes, Func<string, string[], Task> body)
    {
        PostgresServer.Require();
        var database = await PostgresServer.CreateDatabaseAsync(prefix);
        var roles = purposes.Select(NewRoleName).ToArray();
        try
        {
            await body(database, roles);
        }
        finally
        {
            foreach (var role in roles)
            {
                await DropRoleAsync(database, role);
            }
        }
    }

    /// <summary>
    /// Removes a test role: what it owns and was granted in the test's database (DROP OWNED, which also revokes its
    /// grants on the database itself), then the role. Its replication slots go with the database at the run's end.
    /// </summary>
    private static async Task DropRoleAsync(string connectionString, string role)
    {
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(role);
        await AdminAsync(connectionString, $"DROP OWNED BY {quoted} CASCADE;");
        await AdminAsync(connectionString, $"DROP ROLE IF EXISTS {quoted};");
    }

    /// <summary>psql from the server's binaries (Debian's layout), else from PATH.</summary>
    private static string Psql()
    {
        var binaries = PostgresBinaries.Find(out _);
        var beside = binaries is null ? null : Path.Combine(binaries.Directory, "psql");
        return beside is not null && File.Exists(beside) ? beside : "psql";
    }

    /// <summary>libpq's keyword=value form of an Npgsql connection string (values quoted: psql takes it as -d).</summary>
    private static string ConnInfo(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var text = new StringBuilder();
        Add(text, "host", builder.Host);
        Add(text, "port", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(text, "dbname", builder.Database);
        Add(text, "user", builder.Username);
        Add(text, "password", builder.Password);
        return text.ToString();
    }

    private static void Add(StringBuilder text, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(key).Append("='").Append(value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)).Append("' ");
        }
    }
}
