using Connector.SqlServer.Sql;


namespace Connector.Tests.SqlServer.Sql;

public class SqlIdentifierTests
{
    [TestCase("Dog", "[Dog]")]
    [TestCase("we]ird[", "[we]]ird[]")]
    [TestCase("]]", "[]]]]]")]
    [TestCase("it's; DROP TABLE x;--", "[it's; DROP TABLE x;--]")]
    [TestCase("名前", "[名前]")]
    public void Quote_delimits_with_brackets_and_doubles_closing_brackets(string name, string quoted) =>
        Assert.That(SqlIdentifier.Quote(name), Is.EqualTo(quoted));

    [Test]
    public void Quote_with_a_schema_quotes_both_parts() =>
        Assert.That(SqlIdentifier.Quote("my]schema", "T"), Is.EqualTo("[my]]schema].[T]"));

    [TestCase("", "it is empty")]
    [TestCase("a\u0000b", "it contains the control character U+0000")]
    [TestCase("trailing ", "it ends with a space")]
    public void Quote_refuses_a_name_SQL_Server_cannot_hold(string name, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(name));
        Assert.That(e!.Message, Does.StartWith($"'{name}' cannot be a SQL Server identifier: {problem}."));
    }

    [Test]
    public void Quote_refuses_a_name_over_128_characters() =>
        Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(new string('a', 129)));

    [Test]
    public void Literals_double_single_quotes_and_never_break_out()
    {
        Assert.That(SqlLiteral.String("O'Brien'); DROP TABLE x;--"), Is.EqualTo("N'O''Brien''); DROP TABLE x;--'"));
        Assert.That(SqlLiteral.String(null), Is.EqualTo("NULL"));
        Assert.That(SqlLiteral.Binary([0x0A, 0xFF]), Is.EqualTo("0x0AFF"));
        Assert.That(SqlLiteral.Utf16Text("GO"), Is.EqualTo("CONVERT(nvarchar(max), 0x47004F00)"));
    }
}
