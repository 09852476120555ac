using System.Data;
using System.Data.SqlTypes;
using Connector.Applier;
using Connector.Sql;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Sql;

public class TableValuedParametersTests
{
    [TestCase("bit", SqlDbType.Bit, 1L, (byte)1, (byte)0)]
    [TestCase("int", SqlDbType.Int, 4L, (byte)10, (byte)0)]
    [TestCase("bigint", SqlDbType.BigInt, 8L, (byte)19, (byte)0)]
    [TestCase("real", SqlDbType.Real, 4L, (byte)24, (byte)0)]
    [TestCase("float", SqlDbType.Float, 8L, (byte)53, (byte)0)]
    [TestCase("nvarchar(450)", SqlDbType.NVarChar, 450L, (byte)0, (byte)0)]
    [TestCase("nvarchar(max)", SqlDbType.NVarChar, -1L, (byte)0, (byte)0)]
    [TestCase("varbinary(max)", SqlDbType.VarBinary, -1L, (byte)0, (byte)0)]
    [TestCase("binary(12)", SqlDbType.Binary, 12L, (byte)0, (byte)0)]
    [TestCase("datetime2(7)", SqlDbType.DateTime2, 8L, (byte)0, (byte)7)]
    [TestCase("decimal(38,18)", SqlDbType.Decimal, 17L, (byte)38, (byte)18)]
    [TestCase("uniqueidentifier", SqlDbType.UniqueIdentifier, 16L, (byte)0, (byte)0)]
    public void Metadata_follows_the_column_type(string text, SqlDbType dbType, long maxLength, byte precision, byte scale)
    {
        var metaData = TableValuedParameters.MetaData("c", SqlColumnType.Parse(text));

        Assert.That((metaData.Name, metaData.SqlDbType, metaData.MaxLength, metaData.Precision, metaData.Scale),
            Is.EqualTo(("c", dbType, maxLength, precision, scale)));
    }

    [Test]
    public void The_parameter_is_structured_with_the_quoted_table_type_and_one_record_per_row()
    {
        var id = new byte[12];
        var argument = Argument([[0, id, "Rex", 7L, new SqlDecimal(1.5m), null]]);

        var parameter = TableValuedParameters.Create(argument);
        var records = TableValuedParameters.Records(argument).Select(r => Enumerable.Range(0, r.FieldCount).Select(r.GetValue).ToArray()).ToList();

        Assert.That((parameter.ParameterName, parameter.SqlDbType, parameter.TypeName), Is.EqualTo(("@rows", SqlDbType.Structured, "[realmsync].[app.Dog]]$rows]")));
        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(records[0], Is.EqualTo(new object[] { 0, id, "Rex", 7L, 1.5m, DBNull.Value }));
    }

    [Test]
    public void An_empty_table_is_sent_as_null() =>
        Assert.That(TableValuedParameters.Create(Argument([])).Value, Is.Null);

    [Test]
    public void Scalar_parameters_carry_length_precision_and_scale()
    {
        var text = SqlParameters.Scalar("@target", SqlColumnType.Parse("nvarchar(450)"), "x");
        var number = SqlParameters.Scalar("@d", SqlColumnType.Parse("decimal(38,18)"), null);

        Assert.That((text.SqlDbType, text.Size, text.Value), Is.EqualTo((SqlDbType.NVarChar, 450, (object)"x")));
        Assert.That((number.Precision, number.Scale, number.Value), Is.EqualTo(((byte)38, (byte)18, (object)DBNull.Value)));
    }

    private static TableArgument Argument(List<object?[]> rows) => new(
        "@rows",
        "app.Dog]$rows",
        [
            new TableColumn("_ordinal", SqlColumnType.Parse("int")),
            new TableColumn("_id", SqlColumnType.Parse("binary(12)")),
            new TableColumn("name", SqlColumnType.Parse("nvarchar(max)")),
            new TableColumn("age", SqlColumnType.Parse("bigint")),
            new TableColumn("price", SqlColumnType.Parse("decimal(38,18)")),
            new TableColumn("born", SqlColumnType.Parse("datetime2(7)")),
        ],
        rows);
}
