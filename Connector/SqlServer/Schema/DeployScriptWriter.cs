using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.SqlServer.Dac;

namespace Connector.SqlServer.Schema;

/// <summary>
/// Turns DacFx's create script into <c>deploy.sql</c>: plain T-SQL that runs as is in sqlcmd and in SSMS
/// (no SQLCMD mode), creates the catalog and the generated objects on an empty database in one
/// transaction, records the mapping in the catalog, and never touches a database setting. A failing batch
/// rolls the transaction back (XACT_ABORT) and the guard after it stops the rest (NOEXEC).
/// </summary>
public static partial class DeployScriptWriter
{
    // XACT_ABORT rolls back on a run-time error, but a batch that fails to compile never runs and leaves the
    // transaction open: @@ERROR, still set when the next batch starts, catches that case (as SSDT's scripts do).
    private const string Guard =
        "IF @@ERROR <> 0 AND @@TRANCOUNT > 0 ROLLBACK TRANSACTION;\n" +
        "IF @@TRANCOUNT = 0 BEGIN RAISERROR(N'deploy.sql stopped: the batch above failed and the whole deployment was rolled back; nothing was changed. Fix the error above and run the script again.', 16, 1); SET NOEXEC ON; END";

    /// <summary>The DacFx create script of <paramref name="package"/>, without database options.</summary>
    public static string GenerateCreateScript(DacPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var options = new DacDeployOptions
        {
            // Settings the connector does not own stay as the DBA set them (DESIGN.md section 10).
            ScriptDatabaseOptions = false,
            ScriptDatabaseCollation = false,
            ScriptDatabaseCompatibility = false,
            CreateNewDatabase = false,
            BlockOnPossibleDataLoss = true,
            DropObjectsNotInSource = false,
            IncludeTransactionalScripts = false,
        };
        using var stream = new MemoryStream();
        DacServices.GenerateCreateScript(stream, package, "RealmSqlServer", options);
        return Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').ReplaceLineEndings("\n");
    }

    /// <summary>The batches of a script, split at its <c>GO</c> lines as sqlcmd and SSMS split them (empty ones dropped).</summary>
    public static IReadOnlyList<string> Batches(string script) => SqlBatches.Split(script);

    /// <summary>The batches of a DacFx script that are plain T-SQL (SQLCMD directives and <c>USE</c> removed).</summary>
    public static IReadOnlyList<string> PlainBatches(string dacFxScript)
    {
        var batches = new List<string>();
        foreach (var raw in SqlBatches.Raw(dacFxScript))
        {
            var lines = raw.Split('\n').Where(l => !l.TrimStart().StartsWith(':')).ToList();
            var batch = string.Join('\n', lines).Trim();
            if (batch.Length == 0 || IsComment(batch) || batch.Contains("$(__IsSqlCmdEnabled)", StringComparison.Ordinal) ||
                batch.StartsWith("USE [$(DatabaseName)]", StringComparison.Ordinal))
            {
                continue;
            }

            if (batch.Contains("$(", StringComparison.Ordinal) ||
                batch.Contains("ALTER DATABASE", StringComparison.OrdinalIgnoreCase))
            {
                throw new SqlValidationException("DacFx scripted a SQLCMD variable or a database setting", [batch]);
            }

            batches.Add(batch);
        }

        return batches;
    }

    public static string Write(SchemaMapping mapping, string dacFxScript, ReadOnlySpan<byte> dacpac, string source)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            /*
            RealmSqlServer deploy.sql: creates the catalog schema [{CatalogSchema.SchemaName}] and the tables generated
            from the Realm schema '{CommentSafe(source)}' for {CommentSafe(Subject(mapping))} in SQL schema
            '{CommentSafe(mapping.SqlSchema)}', and records the mapping in the catalog.

            Run it on the target database, as is, in sqlcmd (sqlcmd -b -d <database> -i deploy.sql) or SSMS.
            It is all-or-nothing: one transaction; if any batch fails, everything is rolled back.
            It changes no database setting. The database must already have Change Tracking and
            ALLOW_SNAPSHOT_ISOLATION on: see scripts/enable-change-tracking.sql or
            `realm-sqlserver install --enable-change-tracking`.
            */
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            GO

            """);
        sql.Append(Preflight).Append("\nGO\nBEGIN TRANSACTION;\nGO\n");
        foreach (var batch in PlainBatches(dacFxScript))
        {
            sql.Append(batch).Append("\nGO\n").Append(Guard).Append("\nGO\n");
        }

        sql.Append("PRINT N'Recording the mapping in the catalog...';\n");
        sql.Append(CatalogRecordWriter.Write(mapping, dacpac, dacFxScript, "bootstrap deploy.sql from " + source));
        sql.Append("GO\n").Append(Guard).Append("\nGO\n");
        sql.Append(CultureInfo.InvariantCulture, $"COMMIT TRANSACTION;\nPRINT N'RealmSqlServer: deployment complete ({mapping.Tables.Length} generated tables).';\nGO\nSET NOEXEC OFF;\nGO\n");
        return sql.ToString();
    }

    private static string Subject(SchemaMapping mapping) => mapping.Partitioned
        ? $"every Realm path matching '{mapping.PathPattern}' (shared tables, each row's Realm in [{SchemaMapper.RealmColumn}]; " +
          $"the connector writes through the per-Realm views of schema '{mapping.ScopeSchema}')"
        : $"Realm path '{mapping.RealmPath}'";

    private const string Preflight = """
        IF SCHEMA_ID(N'realmsync') IS NOT NULL
        BEGIN
            RAISERROR(N'deploy.sql stopped before changing anything: this database already has the RealmSqlServer catalog (schema realmsync). deploy.sql is for an empty database; to change an existing mapping use the connector itself.', 16, 1);
            SET NOEXEC ON;
        END
        IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
        BEGIN
            RAISERROR(N'deploy.sql stopped before changing anything: Change Tracking is off for this database. Turn it on first (scripts/enable-change-tracking.sql), then run deploy.sql again.', 16, 1);
            SET NOEXEC ON;
        END
        IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 1)
        BEGIN
            RAISERROR(N'deploy.sql stopped before changing anything: ALLOW_SNAPSHOT_ISOLATION is off for this database. Turn it on first (scripts/enable-change-tracking.sql), then run deploy.sql again.', 16, 1);
            SET NOEXEC ON;
        END
        """;

    private static bool IsComment(string batch) =>
        batch.StartsWith("/*", StringComparison.Ordinal) && batch.EndsWith("*/", StringComparison.Ordinal) &&
        batch.IndexOf("*/", StringComparison.Ordinal) == batch.Length - 2;

    // T-SQL block comments nest: keep user-supplied names from opening or closing one.
    private static string CommentSafe(string text) =>
        text.Replace("*/", "* /", StringComparison.Ordinal).Replace("/*", "/ *", StringComparison.Ordinal);

}
