using System.Text;
using Connector.Adapter;
using Connector.Configuration;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Tests.Postgres;

/// <summary>The PostgreSQL mapping and values, offline: names within 63 bytes, quoting, literals, what PostgreSQL holds differently.</summary>
[TestFixture]
public sealed class PostgresMappingTests
{
    private static RealmSchemaModel Schema(params string[] classNames) =>
        new([.. classNames.Select(n => new RealmClass(n, [new RealmProperty("id", RealmPropertyType.Int), new RealmProperty(n + "_list", RealmPropertyType.Int, CollectionKind.List)], "id"))]);

    [Test]
    public void Names_over_63_bytes_are_shortened_deterministically_for_postgresql_only()
    {
        var longAscii = new string('a', 60) + "Tail";     // 64 bytes
        var longUnicode = new string('é', 40);             // 40 characters, 80 bytes
        var schema = Schema(longAscii, longUnicode, new string('a', 60) + "Tall");
        var pg = SchemaMapper.Map(schema, "/r", "public", previous: null, DatabaseProvider.Postgres);
        var sqlServer = SchemaMapper.Map(schema, "/r", "dbo");

        Assert.That(sqlServer.Tables.Select(t => t.Name), Does.Contain(longAscii).And.Contain(longUnicode), "SQL Server keeps names up to 128 characters");
        Assert.That(pg.Tables.Select(t => Encoding.UTF8.GetByteCount(t.Name)), Has.All.LessThanOrEqualTo(PgIdentifier.MaxBytes));
        Assert.That(pg.Tables.Select(t => t.Name).Distinct().Count(), Is.EqualTo(pg.Tables.Length), "two long names sharing a prefix stay distinct");
        Assert.That(pg.Classes[0].NameResolution, Does.Contain("longer than 63 UTF-8 bytes"));
        Assert.That(SchemaMapper.Map(schema, "/r", "public", previous: null, DatabaseProvider.Postgres), Is.EqualTo(pg), "deterministic");
        Assert.That(pg.Tables.Select(t => t.Name), Has.All.Matches<string>(n => PgIdentifier.IsValid(n, out _)));
    }

    [Test]
    public void A_grown_postgresql_mapping_stays_within_63_bytes_and_keeps_its_names()
    {
        var first = SchemaMapper.Map(Schema("A"), "/r", "public", previous: null, DatabaseProvider.Postgres);
        var grown = SchemaMapper.Map(Schema("A", new string('ß', 50)), "/r", "public", first);
        Assert.That(grown.Provider, Is.EqualTo(DatabaseProvider.Postgres), "the database comes from the mapping in force");
        Assert.That(grown.Tables.Take(1).Select(t => t.Name), Is.EqualTo(new[] { "A" }));
        Assert.That(grown.Tables.Select(t => Encoding.UTF8.GetByteCount(t.Name)), Has.All.LessThanOrEqualTo(63));
    }

    [Test]
    public void The_stored_mapping_names_its_database_only_for_postgresql()
    {
        var sqlServer = SchemaMapper.Map(Schema("A"), "/r", "dbo");
        var pg = SchemaMapper.Map(Schema("A"), "/r", "public", previous: null, DatabaseProvider.Postgres);
        Assert.That(SchemaMappingJson.Write(sqlServer), Does.Not.Contain("Provider"), "SQL Server's stored mappings read as before");
        Assert.That(SchemaMappingJson.Read(SchemaMappingJson.Write(pg)), Is.EqualTo(pg));
        Assert.That(SchemaMappingJson.Read(SchemaMappingJson.Write(pg)).Provider, Is.EqualTo(DatabaseProvider.Postgres));
    }

    [TestCase("Dog", "\"Dog\"")]
    [TestCase("a\"b", "\"a\"\"b\"")]
    [TestCase("x'; DROP TABLE t; --", "\"x'; DROP TABLE t; --\"")]
    [TestCase("ünï 😀", "\"ünï 😀\"")]
    public void Identifiers_are_quoted_with_doubled_quotes(string name, string quoted) =>
        Assert.That(PgIdentifier.Quote(name), Is.EqualTo(quoted));

    [Test]
    public void Identifiers_postgresql_would_change_are_refused()
    {
        Assert.That(() => PgIdentifier.Quote(new string('a', 64)), Throws.ArgumentException.With.Message.Contains("63 UTF-8 bytes"));
        Assert.That(() => PgIdentifier.Quote("a\0b"), Throws.ArgumentException.With.Message.Contains("control character"));
        Assert.That(() => PgIdentifier.Quote(""), Throws.ArgumentException.With.Message.Contains("empty"));
    }

    [Test]
    public void Script_literals_read_the_same_whatever_standard_conforming_strings_says()
    {
        Assert.That(PgLiteral.String("O'Brien \\ back"), Is.EqualTo("E'O''Brien \\\\ back'"));
        Assert.That(PgLiteral.Bytes([0x00, 0xAB]), Is.EqualTo("decode('00ab', 'hex')"));
    }

    [Test]
    public void Postgresql_holds_nan_infinities_and_every_decimal128()
    {
        var column = SqlColumnType.Parse("float");
        Assert.That((double?)PostgresValues.Convert(new DoubleValue(double.NaN), RealmPropertyType.Double, column, "$", null), Is.NaN);
        Assert.That((float?)PostgresValues.Convert(new FloatValue(float.NegativeInfinity), RealmPropertyType.Float, SqlColumnType.Parse("real"), "$", null), Is.EqualTo(float.NegativeInfinity));
        var numeric = SqlColumnType.Parse("decimal(38,18)");
        Assert.That((string?)PostgresValues.Convert(new Decimal128Value("1.5E+6111"), RealmPropertyType.Decimal128, numeric, "$", null), Is.EqualTo("1.5E+6111"));
        Assert.That(PostgresValues.NumericText("-Inf"), Is.EqualTo("-Infinity"));
        Assert.That(PostgresValues.NumericText("+NaN"), Is.EqualTo("NaN"));
    }

    [Test]
    public void Text_postgresql_cannot_hold_is_bad_input_naming_the_property()
    {
        var text = SqlColumnType.Parse("nvarchar(max)");
        var nul = Assert.Throws<AdapterFormatException>(() => PostgresValues.Convert(new StringValue("a\0b"), RealmPropertyType.String, text, "$.values.name", ("Dog", "name")));
        Assert.That(nul!.Message, Does.Contain("class 'Dog', property 'name'").And.Contain("U+0000"));
        Assert.That(() => PostgresValues.Convert(new StringValue("\uD800x"), RealmPropertyType.String, text, "$", null), Throws.TypeOf<AdapterFormatException>().With.Message.Contains("lone surrogate"));
        var mixed = new ListValue([new StringValue("ok"), new DictionaryValue([KeyValuePair.Create("k\0", (RealmValue)new IntValue(1))]) { InMixed = true }]) { InMixed = true };
        Assert.That(() => PostgresValues.Convert(mixed, RealmPropertyType.Mixed, text, "$", null), Throws.TypeOf<AdapterFormatException>(), "a NUL inside a mixed value's nested dictionary key");
        Assert.That(PostgresValues.Convert(new StringValue("😀 paired"), RealmPropertyType.String, text, "$", null), Is.EqualTo("😀 paired"));
    }

    [Test]
    public void Dates_keep_microseconds_and_lose_the_rest()
    {
        var date = PostgresValues.Convert(new TimestampValue(1, 123_456_789), RealmPropertyType.Date, SqlColumnType.Parse("datetime2(7)"), "$", null);
        Assert.That(date, Is.EqualTo(new DateTime(DateTime.UnixEpoch.Ticks + 10_000_000 + 1_234_560, DateTimeKind.Unspecified)));
        Assert.That(((DateTime)date!).Kind, Is.EqualTo(DateTimeKind.Unspecified), "timestamp (without time zone) takes an unspecified kind");
    }
}
