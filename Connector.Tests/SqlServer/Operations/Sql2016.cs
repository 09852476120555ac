using Microsoft.SqlServer.TransactSql.ScriptDom;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// The built-in functions a script calls that SQL Server 2016 (13.x, the oldest version the connector supports)
/// lacks: STRING_AGG, TRIM, CONCAT_WS, TRANSLATE (2017), GREATEST, LEAST, STRING_SPLIT's enable_ordinal,
/// DATETRUNC, DATE_BUCKET, GENERATE_SERIES, JSON_OBJECT, JSON_ARRAY, APPROX_COUNT_DISTINCT (2019/2022). A 2016
/// server refuses the whole batch that calls one (the name is not a built-in function there).
/// </summary>
public static class Sql2016
{
    private static readonly HashSet<string> Later = new(StringComparer.OrdinalIgnoreCase)
    {
        "STRING_AGG", "TRIM", "CONCAT_WS", "TRANSLATE", "GREATEST", "LEAST", "DATETRUNC", "DATE_BUCKET", "GENERATE_SERIES",
        "JSON_OBJECT", "JSON_ARRAY", "APPROX_COUNT_DISTINCT", "APPROX_PERCENTILE_CONT", "APPROX_PERCENTILE_DISC", "LEFT_SHIFT", "RIGHT_SHIFT",
        "BIT_COUNT", "GET_BIT", "SET_BIT",
    };

    public static IReadOnlyList<string> LaterFunctions(string sql)
    {
        var fragment = TSqlScriptParser.Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the SQL does not parse: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }

        var visitor = new Calls();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    private sealed class Calls : TSqlFragmentVisitor
    {
        public List<string> Found { get; } = [];

        public override void ExplicitVisit(FunctionCall node)
        {
            if (Later.Contains(node.FunctionName.Value))
            {
                Found.Add(node.FunctionName.Value.ToUpperInvariant());
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(GlobalFunctionTableReference node)
        {
            if (node.Name.Value.Equals("STRING_SPLIT", StringComparison.OrdinalIgnoreCase) && node.Parameters.Count > 2)
            {
                Found.Add("STRING_SPLIT with enable_ordinal");
            }

            base.ExplicitVisit(node);
        }
    }
}
