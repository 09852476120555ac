using System.Globalization;
using System.Text;
using Connector.Catalog;
using Connector.Journal;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;

namespace Connector.SqlServer.Applier;

/// <summary>
/// <c>Schema.ApplyMode: script</c>: the schema change an inbound transaction needs, written for a DBA as
/// <c>&lt;journal&gt;/&lt;realm key&gt;/schema-&lt;version&gt;.sql</c>. It is DacFx's deployment script (SQLCMD mode)
/// followed by the catalog rows that record it, so that once it has run the applier finds the grown mapping in
/// force and applies the transaction's data. For a Realm path of a partitioned mapping the file is in that path's
/// folder, and the rows are recorded under the mapping's row, which owns the schema every Realm of it shares.
/// </summary>
public static class SchemaScriptFile
{
    public static string PathFor(JournalPaths journal, string realmPath, long version)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.EnsureInside(Path.Combine(journal.RealmDirectory(realmPath), string.Create(CultureInfo.InvariantCulture, $"schema-{version}.sql")));
    }

    public static string Render(int realmId, long version, SchemaMapping previous, SchemaDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var sql = new StringBuilder();
        var subject = deployment.Mapping.Partitioned ? "a Realm path of the partitioned mapping" : "Realm path";
        sql.Append(CultureInfo.InvariantCulture, $"-- RealmSqlServer: schema change needed by inbound version {version} of {subject} {deployment.Mapping.RealmPath.ReplaceLineEndings(" ")}.\n");
        sql.Append("-- Review, run with sqlcmd (SQLCMD mode: -v DatabaseName=<database>), then restart the connector.\n");
        sql.Append(deployment.DacFxScript.TrimEnd()).Append("\nGO\n");
        sql.Append("SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n");
        var id = SqlLiteral.Int(realmId);
        CatalogRecordWriter.AppendRows(sql, CatalogRows.Growth(previous, deployment.Mapping), id);
        CatalogRecordWriter.AppendDeployment(sql, id, deployment.Mapping, deployment.Dacpac, deployment.DacFxScript, deployment.Reason);
        sql.Append("COMMIT TRANSACTION;\nGO\n");
        return sql.ToString();
    }

    /// <summary>
    /// Writes the script into <paramref name="realmPath"/>'s folder through a temporary file renamed into place; returns
    /// its path. <paramref name="realmId"/> is the catalog row the growth is recorded under (a partitioned mapping's own).
    /// </summary>
    public static async Task<string> WriteAsync(
        JournalPaths journal, string realmPath, int realmId, long version, SchemaMapping previous, SchemaDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var path = PathFor(journal, realmPath, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Render(realmId, version, previous, deployment), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
