using System.Text;

namespace Connector.SchemaGeneration;

/// <summary>
/// How long a SQL name may be: SQL Server counts characters (sysname, 128); PostgreSQL counts UTF-8 bytes (63) and
/// would silently truncate a longer name. A mapping for PostgreSQL keeps SQL Server's names wherever they fit both.
/// </summary>
public sealed record NameLimit(int MaxCharacters, int? MaxUtf8Bytes)
{
    public static NameLimit SqlServer { get; } = new(Connector.SqlServer.Sql.SqlIdentifier.MaxLength, null);

    public static NameLimit Postgres { get; } = new(Connector.SqlServer.Sql.SqlIdentifier.MaxLength, Connector.Postgres.PgIdentifier.MaxBytes)
    {
        ReservedColumns = new[] { "tableoid", "xmin", "cmin", "xmax", "cmax", "ctid" }
            .ToDictionary(n => n, n => $"'{n}' is a PostgreSQL system column name", StringComparer.OrdinalIgnoreCase),
    };

    public static NameLimit For(Configuration.DatabaseProvider provider) =>
        provider == Configuration.DatabaseProvider.Postgres ? Postgres : SqlServer;

    /// <summary>Column names the database keeps for itself (PostgreSQL's system columns, "System Columns" 5.5), each with why.</summary>
    public IReadOnlyDictionary<string, string> ReservedColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>The same limit for a partitioned mapping, whose tables also hold the partition column <see cref="SchemaMapper.RealmColumn"/>.</summary>
    public NameLimit Partitioned() => this with
    {
        ReservedColumns = new Dictionary<string, string>(ReservedColumns, StringComparer.OrdinalIgnoreCase)
        {
            [SchemaMapper.RealmColumn] = $"'{SchemaMapper.RealmColumn}' holds the Realm of each row in a partitioned mapping",
        },
    };

    public bool Fits(string name) =>
        name.Length <= MaxCharacters && (MaxUtf8Bytes is not { } bytes || Encoding.UTF8.GetByteCount(name) <= bytes);

    public string Describe() => MaxUtf8Bytes is { } bytes ? $"{bytes} UTF-8 bytes" : $"{MaxCharacters} characters";
}
