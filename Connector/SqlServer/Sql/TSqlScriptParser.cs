using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.SqlServer.Sql;

/// <summary>Parses T-SQL as SQL Server 2022 would (ScriptDom's <see cref="TSql160Parser"/>).</summary>
public static class TSqlScriptParser
{
    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>The parse errors as readable lines (<c>line 3, column 7: SQL46010 ...</c>).</summary>
    public static IReadOnlyList<string> Errors(string sql)
    {
        Parse(sql, out var errors);
        return [.. errors.Select(e => $"line {e.Line}, column {e.Column}: SQL{e.Number} {e.Message}")];
    }
}
