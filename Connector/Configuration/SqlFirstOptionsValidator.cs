using Connector.Catalog;
using Connector.Journal;
using Microsoft.Extensions.Options;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Configuration;

/// <summary>Checks <see cref="SqlFirstOptions"/>: every table is a two-part name outside the catalog; the Realm path is one the protocol allows.</summary>
public sealed partial class SqlFirstOptionsValidator : IValidateOptions<SqlFirstOptions>
{
    public ValidateOptionsResult Validate(string? name, SqlFirstOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(SqlFirstOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("SqlFirst");
        if (string.IsNullOrWhiteSpace(options.RealmPath) || !options.RealmPath.StartsWith('/'))
        {
            failures.Add(nameof(options.RealmPath), options.RealmPath, $"must be a Realm path starting with '/', such as '{SqlFirstOptions.DefaultRealmPath}'.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(options.RealmPath) > RealmKey.MaxRealmPathBytes)
        {
            failures.Add(nameof(options.RealmPath), options.RealmPath, $"is longer than {RealmKey.MaxRealmPathBytes} UTF-8 bytes; use a shorter Realm path.");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < options.Tables.Count; i++)
        {
            var key = $"{nameof(options.Tables)}:{i}";
            var name = TwoPartName(options.Tables[i]);
            if (name is null)
            {
                failures.Add(key, options.Tables[i], "must be a table as 'schema.table' (brackets allowed: '[my schema].[my table]').");
            }
            else if (string.Equals(name.Value.Schema, CatalogSchema.SchemaName, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add(key, options.Tables[i], "is in the connector's catalog schema realmsync, which cannot be mapped; remove it.");
            }
            else if (!seen.Add((name.Value.Schema.ToUpperInvariant(), name.Value.Table.ToUpperInvariant())))
            {
                failures.Add(key, options.Tables[i], "is listed twice; remove the duplicate.");
            }
        }

        return failures.All;
    }

    /// <summary>The schema and table of <c>schema.table</c>, or null when it is anything else.</summary>
    public static (string Schema, string Table)? TwoPartName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var name = parser.ParseSchemaObjectName(reader, out var errors);
        return errors.Count > 0 || name is null || name.SchemaIdentifier is null || name.DatabaseIdentifier is not null || name.ServerIdentifier is not null
            ? Plain(text)
            : (name.SchemaIdentifier.Value, name.BaseIdentifier.Value);
    }

    /// <summary>
    /// Two plain or double-quoted names that T-SQL reserves but PostgreSQL does not (<c>public.orders</c>: PUBLIC is a
    /// T-SQL keyword, and public PostgreSQL's default schema); the connector always quotes the names it writes.
    /// </summary>
    private static (string Schema, string Table)? Plain(string text) =>
        PlainName().Match(text) is { Success: true } m
            ? (Part(m.Groups["qs"], m.Groups["s"]), Part(m.Groups["qt"], m.Groups["t"]))
            : null;

    private static string Part(System.Text.RegularExpressions.Group quoted, System.Text.RegularExpressions.Group plain) =>
        quoted.Success ? quoted.Value.Replace("\"\"", "\"", StringComparison.Ordinal) : plain.Value;

    [System.Text.RegularExpressions.GeneratedRegex("""^(?:"(?<qs>(?:[^"]|"")+)"|(?<s>[^."\[\]\s;]+))\.(?:"(?<qt>(?:[^"]|"")+)"|(?<t>[^."\[\]\s;]+))$""")]
    private static partial System.Text.RegularExpressions.Regex PlainName();
}
