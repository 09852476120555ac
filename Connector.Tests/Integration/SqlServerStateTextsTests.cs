using System.Data.SqlTypes;
using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Generators;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;
using Connector.Tests.SqlServer.Schema;

namespace Connector.Tests.Integration;

/// <summary>
/// The offline proof of the SQL Server state reader the random integration test compares with (it needs a server):
/// each value, written by the applier's own converter and returned as SqlClient returns its column type, reads back
/// as the model's canonical text; and every SELECT the reader sends for a random stream's mapping parses and names
/// only columns that exist.
/// </summary>
public class SqlServerStateTextsTests
{
    private static readonly Guid SomeUuid = new("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static IEnumerable<TestCaseData> Values()
    {
        TestCaseData Case(string name, RealmValue value, RealmPropertyType type, string sqlType) =>
            new TestCaseData(value, type, sqlType).SetArgDisplayNames(name);

        yield return Case("true", new BoolValue(true), RealmPropertyType.Bool, "bit");
        yield return Case("false", new BoolValue(false), RealmPropertyType.Bool, "bit");
        yield return Case("long.MinValue", new IntValue(long.MinValue), RealmPropertyType.Int, "bigint");
        yield return Case("long.MaxValue", new IntValue(long.MaxValue), RealmPropertyType.Int, "bigint");
        yield return Case("float -0", new FloatValue(-0.0f), RealmPropertyType.Float, "real");
        yield return Case("float.Epsilon", new FloatValue(float.Epsilon), RealmPropertyType.Float, "real");
        yield return Case("float.MaxValue", new FloatValue(float.MaxValue), RealmPropertyType.Float, "real");
        yield return Case("float 0.1", new FloatValue(0.1f), RealmPropertyType.Float, "real");
        yield return Case("double -0", new DoubleValue(-0.0), RealmPropertyType.Double, "float");
        yield return Case("double.Epsilon", new DoubleValue(double.Epsilon), RealmPropertyType.Double, "float");
        yield return Case("double.MinValue", new DoubleValue(double.MinValue), RealmPropertyType.Double, "float");
        yield return Case("2^53+1", new DoubleValue(9007199254740993.0), RealmPropertyType.Double, "float");
        yield return Case("empty string", new StringValue(""), RealmPropertyType.String, "nvarchar(max)");
        yield return Case("unicode", new StringValue("日本語 émoji😀 𝄞"), RealmPropertyType.String, "nvarchar(max)");
        yield return Case("escapes", new StringValue("a\"b\\c\ttab\nline nul\0inside "), RealmPropertyType.String, "nvarchar(max)");
        yield return Case("string key", new StringValue("O'Brien]"), RealmPropertyType.String, SqlTypeMapper.KeyString);
        yield return Case("empty data", new DataValue(Array.Empty<byte>()), RealmPropertyType.Data, "varbinary(max)");
        yield return Case("data", new DataValue(new byte[] { 0, 0xff, 0x10, 0xab }), RealmPropertyType.Data, "varbinary(max)");
        yield return Case("epoch", new TimestampValue(0, 0), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("100 ns", new TimestampValue(0, 100), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("sub-tick ns truncated", new TimestampValue(1, 999_999_999), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("before 1970", new TimestampValue(-86_400, 300), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("year 1", new TimestampValue(-62_135_596_800, 0), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("year 9999 last tick", new TimestampValue(253_402_300_799, 999_999_900), RealmPropertyType.Date, "datetime2(7)");
        yield return Case("decimal 1.50", new Decimal128Value("1.50"), RealmPropertyType.Decimal128, "decimal(38,18)");
        yield return Case("decimal -0", new Decimal128Value("-0"), RealmPropertyType.Decimal128, "decimal(38,18)");
        yield return Case("decimal 1.5E+3", new Decimal128Value("1.5E+3"), RealmPropertyType.Decimal128, "decimal(38,18)");
        yield return Case("decimal -1E-18", new Decimal128Value("-1E-18"), RealmPropertyType.Decimal128, "decimal(38,18)");
        yield return Case("decimal widest", new Decimal128Value("99999999999999999999.999999999999999999"), RealmPropertyType.Decimal128, "decimal(38,18)");
        yield return Case("objectId", new ObjectIdValue("5F0A0B0C0D0E0F1011121314"), RealmPropertyType.ObjectId, "binary(12)");
        yield return Case("uuid", new UuidValue(SomeUuid), RealmPropertyType.Uuid, "uniqueidentifier");
        yield return Case("empty uuid", new UuidValue(Guid.Empty), RealmPropertyType.Uuid, "uniqueidentifier");
        yield return Case("mixed double", new DoubleValue(0.1), RealmPropertyType.Mixed, "nvarchar(max)");
        yield return Case("mixed NaN", new DoubleValue(double.NaN), RealmPropertyType.Mixed, "nvarchar(max)");
        yield return Case("mixed date", new TimestampValue(5, 100), RealmPropertyType.Mixed, "nvarchar(max)");
        yield return Case("mixed link", new LinkValue("Dog", new StringValue("rex")), RealmPropertyType.Mixed, "nvarchar(max)");
        yield return Case("mixed list", new ListValue([new IntValue(1), new StringValue("日本")]), RealmPropertyType.Mixed, "nvarchar(max)");
        yield return Case("null", RealmValue.Null, RealmPropertyType.Date, "datetime2(7)");
    }

    [TestCaseSource(nameof(Values))]
    public void A_value_read_back_as_SqlClient_returns_it_is_the_models_canonical_text(RealmValue value, RealmPropertyType type, string sqlType)
    {
        var written = SqlValueConverter.Convert(value, type, SqlColumnType.Parse(sqlType), "$.values.p");

        Assert.That(SqlServerStateTexts.ValueText(AsReturned(written, sqlType), type), Is.EqualTo(Canon.Model(value, type, Canon.Tick)));
    }

    [Test]
    public void Decimals_compare_by_value_and_dates_to_the_100_ns_tick_while_PostgreSQL_still_folds_to_the_microsecond()
    {
        string Read(SqlDecimal d) => SqlServerStateTexts.ValueText(SqlDecimal.ConvertToPrecScale(d, 38, 18), RealmPropertyType.Decimal128);
        var tick = new TimestampValue(0, 100);

        Assert.That(Read(SqlDecimal.Parse("1.50")), Is.EqualTo(Read(SqlDecimal.Parse("1.5"))).And.EqualTo("15e-1"));
        Assert.That(SqlServerStateTexts.ValueText(DateTime.UnixEpoch.AddTicks(1), RealmPropertyType.Date), Is.EqualTo("t621355968000000001"));
        Assert.That(Canon.Model(tick, RealmPropertyType.Date, Canon.Tick), Is.Not.EqualTo(Canon.Model(new TimestampValue(0, 0), RealmPropertyType.Date, Canon.Tick)));
        Assert.That(Canon.Model(tick, RealmPropertyType.Date), Is.EqualTo(Canon.Model(new TimestampValue(0, 0), RealmPropertyType.Date)));
        Assert.That(SqlServerStateTexts.ValueText(-0.0, RealmPropertyType.Double), Is.EqualTo("-0"));
    }

    [Test]
    public void A_column_value_of_an_unexpected_CLR_type_is_an_error_naming_both_types() =>
        Assert.That(() => SqlServerStateTexts.ValueText(1.5m, RealmPropertyType.Decimal128),
            Throws.ArgumentException.With.Message.Contains("Decimal (1.5) for a value of Realm type Decimal128"));

    [Test]
    public async Task Every_SELECT_the_reader_sends_for_a_random_stream_parses_and_names_only_columns_that_exist()
    {
        var checkedTables = 0;
        foreach (var stream in ValidStreams.Cases(6, 20_251_010, ModelOptions.SqlServer))
        {
            var mapping = MappingInForceAfter(stream);
            var sent = new List<string>();
            await StateTexts.FromTablesAsync(mapping, SqlServerStateTexts.Dialect, sql =>
            {
                sent.Add(sql);
                return Task.FromResult(new List<object?[]>());
            });
            using var model = SqlModelBuilder.Build(mapping);
            var checker = new ColumnReferenceChecker(model);

            Assert.That(sent, Has.Count.EqualTo(mapping.Tables.Length), "each class table and child table is read once");
            Assert.That(sent.SelectMany(TSqlScriptParser.Errors), Is.Empty);
            Assert.That(sent.SelectMany(checker.Check), Is.Empty);
            checkedTables += sent.Count;
        }

        Assert.That(checkedTables, Is.GreaterThan(6));
    }

    /// <summary>What SqlClient returns for a value the applier wrote: decimal(38,18) as a SqlDecimal of scale 18, datetime2 unzoned.</summary>
    private static object? AsReturned(object? written, string sqlType) => written switch
    {
        SqlDecimal d when sqlType == "decimal(38,18)" => SqlDecimal.ConvertToPrecScale(d, 38, 18),
        DateTime date => DateTime.SpecifyKind(date, DateTimeKind.Unspecified),
        null => DBNull.Value,
        _ => written,
    };

    /// <summary>
    /// The stream's mapping as the integration runner deploys it (<see cref="SchemaArtifactGenerator"/>, so that its
    /// first step is known to work for these schemas and Realm paths), grown by every schema change the model applies.
    /// </summary>
    private static SchemaMapping MappingInForceAfter(StreamCase stream)
    {
        var mapping = SchemaArtifactGenerator.Generate(stream.InitialSchema, stream.RealmPath, "s1", "random stream").Mapping;
        var model = new RealmModel(ModelOptions.SqlServer);
        foreach (var transaction in stream.Transactions)
        {
            if (model.Apply(transaction).Status == ModelStatus.Applied && TransactionPlanner.Plan(transaction, mapping) is { SchemaChanged: true } plan)
            {
                mapping = plan.Mapping;
            }
        }

        return mapping;
    }
}
