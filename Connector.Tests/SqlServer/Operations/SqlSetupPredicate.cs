using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// Decides an IF predicate of sql-setup.sql from its literals alone, with SQL's three-valued logic: true, false,
/// or null when it reads anything but literals (a variable, a system function, a query).
/// </summary>
public static class Predicate
{
    public static bool? Decide(BooleanExpression expression) => expression switch
    {
        BooleanParenthesisExpression p => Decide(p.Expression),
        BooleanNotExpression n => !Decide(n.Expression),
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and => And(Decide(and.FirstExpression), Decide(and.SecondExpression)),
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.Or } or => !And(!Decide(or.FirstExpression), !Decide(or.SecondExpression)),
        BooleanComparisonExpression c => Compare(c.ComparisonType, Literal.Value(c.FirstExpression), Literal.Value(c.SecondExpression)),
        InPredicate i when Literal.Value(i.Expression) is string value && i.Values.Select(Literal.Value).ToList() is var values && values.All(v => v is string) =>
            values.Contains(value) != i.NotDefined,
        BooleanIsNullExpression n when n.Expression is StringLiteral => n.IsNot,
        _ => null,
    };

    private static bool? And(bool? left, bool? right) => left == false || right == false ? false : left == true && right == true ? true : null;

    private static bool? Compare(BooleanComparisonType type, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var order = left is int l && right is int r ? l.CompareTo(r) : string.CompareOrdinal(left.ToString(), right.ToString());
        return type switch
        {
            BooleanComparisonType.Equals => order == 0,
            BooleanComparisonType.NotEqualToBrackets or BooleanComparisonType.NotEqualToExclamation => order != 0,
            BooleanComparisonType.GreaterThan => order > 0,
            BooleanComparisonType.LessThan => order < 0,
            _ => null,
        };
    }
}

/// <summary>The value of a scalar made of literals (strings, integers, CHARINDEX of two of them); null otherwise.</summary>
public static class Literal
{
    public static object? Value(ScalarExpression expression) => expression switch
    {
        StringLiteral s => s.Value,
        IntegerLiteral i => int.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
        ParenthesisExpression p => Value(p.Expression),
        FunctionCall { FunctionName.Value: var name, Parameters: [var find, var within] } when name.Equals("CHARINDEX", StringComparison.OrdinalIgnoreCase)
            && Value(find) is string f && Value(within) is string w => w.IndexOf(f, StringComparison.Ordinal) + 1,
        _ => null,
    };

    /// <summary>Every string literal of an expression, in text order (the fixed parts of a PRINT).</summary>
    public static IEnumerable<string> StringsOf(TSqlFragment fragment)
    {
        var visitor = new Collector();
        fragment.Accept(visitor);
        return visitor.Strings;
    }

    private sealed class Collector : TSqlFragmentVisitor
    {
        public List<string> Strings { get; } = [];

        public override void ExplicitVisit(StringLiteral node) => Strings.Add(node.Value);
    }
}
