using Connector.ChangeTracking;
using Connector.Postgres;
using Connector.RealmSchema;
using NpgsqlTypes;

namespace Connector.Tests.Postgres.SqlFirst;

/// <summary>PostgreSQL column types to Realm types for SQL-first tables, and back to the types the connector reads and writes them with.</summary>
public class PgSqlFirstMapperTests
{
    [TestCase("bool", "boolean", RealmPropertyType.Bool)]
    [TestCase("int2", "smallint", RealmPropertyType.Int)]
    [TestCase("int4", "integer", RealmPropertyType.Int)]
    [TestCase("int8", "bigint", RealmPropertyType.Int)]
    [TestCase("float4", "real", RealmPropertyType.Float)]
    [TestCase("float8", "double precision", RealmPropertyType.Double)]
    [TestCase("text", "text", RealmPropertyType.String)]
    [TestCase("varchar", "character varying(40)", RealmPropertyType.String)]
    [TestCase("bpchar", "character(3)", RealmPropertyType.String)]
    [TestCase("bytea", "bytea", RealmPropertyType.Data)]
    [TestCase("timestamp", "timestamp without time zone", RealmPropertyType.Date)]
    [TestCase("timestamptz", "timestamp(3) with time zone", RealmPropertyType.Date)]
    [TestCase("date", "date", RealmPropertyType.Date)]
    [TestCase("numeric", "numeric(10,2)", RealmPropertyType.Decimal128)]
    [TestCase("uuid", "uuid", RealmPropertyType.Uuid)]
    public void A_column_type_maps_to_its_Realm_type_and_its_declared_type_is_one_the_connector_reads_and_writes(string typeName, string declared, RealmPropertyType expected)
    {
        var column = new ColumnMetadata("c", typeName, true, -1, 0, 0, Declared: declared);

        Assert.That(PgSqlFirstMapper.RealmType(column), Is.EqualTo(expected));
        Assert.That(PgTypes.Of(PgSqlFirstMapper.Declared(column), mixed: false).Declared, Is.EqualTo(declared));
    }

    [TestCase("numeric(10,2)", NpgsqlDbType.Text, "s.v::numeric", TestName = "numeric travels as text (it holds what decimal cannot)")]
    [TestCase("timestamp with time zone", NpgsqlDbType.Timestamp, "s.v::timestamp AT TIME ZONE 'UTC'", TestName = "timestamptz is written as a UTC timestamp, whatever the session's TimeZone")]
    [TestCase("smallint", NpgsqlDbType.Bigint, "s.v", TestName = "smallint is sent as bigint and assigned (out of range is PostgreSQL's 22003)")]
    [TestCase("integer", NpgsqlDbType.Bigint, "s.v", TestName = "integer is sent as bigint and assigned (out of range is PostgreSQL's 22003)")]
    public void A_declared_type_is_sent_and_read_back_as_its_value(string declared, NpgsqlDbType wire, string read)
    {
        var type = PgTypes.Of(declared, mixed: false);
        Assert.That((type.Wire, type.Read("s.v")), Is.EqualTo((wire, read)));
    }

    [TestCase("interval", "interval")]
    [TestCase("_text", "text[]")]
    [TestCase("jsonb", "jsonb")]
    [TestCase("my_enum", "my_enum")]
    public void A_type_Realm_has_no_equivalent_for_is_left_out_with_its_name(string typeName, string declared)
    {
        var table = new TableMetadata("legacy", "Orders", [new("id", "int4", false, -1, 0, 0, Declared: "integer"), new("x", typeName, true, -1, 0, 0, Declared: declared)], ["id"]);

        var result = PgSqlFirstMapper.Dialect.Map(table);

        Assert.That(result.Mapped, Is.True);
        Assert.That(result.Skipped, Is.EqualTo(new[] { $"column \"x\" of \"legacy\".\"Orders\": Realm has no type for {declared}" }));
        Assert.That(result.AddType!.Properties.Select(p => p.Name), Is.EqualTo(new[] { "id" }));
    }

    [Test]
    public void A_domain_maps_as_the_type_it_is_made_from_and_is_named_in_messages()
    {
        var table = new TableMetadata("legacy", "T", [new("id", "int4", false, -1, 0, 0, "legacy.code", Declared: "integer"), new("p", "point", true, -1, 0, 0, "legacy.spot", Declared: "point")], ["id"]);

        var result = PgSqlFirstMapper.Dialect.Map(table);

        Assert.That(result.Mapping!.Properties.Single().SqlType, Is.EqualTo("integer"));
        Assert.That(result.Skipped.Single(), Is.EqualTo("column \"p\" of \"legacy\".\"T\": Realm has no type for point (domain legacy.spot)"));
    }

    [Test]
    public void Keys_Realm_cannot_use_are_refused_with_the_reason()
    {
        static string? Refusal(ColumnMetadata key, params string[] primaryKey) => PgSqlFirstMapper.Dialect.Map(new TableMetadata("public", "T", [key], [.. primaryKey])).Refusal;

        Assert.That(Refusal(new("id", "int4", false, -1, 0, 0, Declared: "integer")),
            Is.EqualTo("table \"public\".\"T\" has no primary key; Realm needs one key column to identify objects (add a primary key, or a single-column key)"));
        Assert.That(Refusal(new("code", "bpchar", false, -1, 0, 0, Declared: "character(4)"), "code"), Does.StartWith(
            "table \"public\".\"T\" has primary key \"code\" of type character(4): character(n) pads its text with spaces").And.EndWith("make the key column character varying or text"));
        Assert.That(Refusal(new("at", "timestamptz", false, -1, 0, 0, Declared: "timestamp with time zone"), "at"),
            Is.EqualTo("table \"public\".\"T\" has primary key \"at\" of type timestamp with time zone (date in Realm); a Realm primary key is an int, string, objectId or uuid"));
    }

    [Test]
    public void A_table_is_mapped_with_its_key_first_class_and_nullable_columns_optional()
    {
        var table = new TableMetadata("legacy", "Orders",
            [new("note", "varchar", true, -1, 0, 0, Declared: "character varying(40)"), new("id", "int8", false, -1, 0, 0, Declared: "bigint")], ["id"]);

        var result = PgSqlFirstMapper.Dialect.Map(table);

        Assert.That(result.AddType!.PrimaryKey, Is.EqualTo("id"));
        Assert.That(result.AddType.Properties.Select(p => (p.Name, p.Type, p.Optional, p.Indexed)), Is.EqualTo(new[]
        {
            ("note", RealmPropertyType.String, true, false), ("id", RealmPropertyType.Int, false, true),
        }));
        Assert.That((result.Mapping!.KeySqlType, result.Table!.Columns.Select(c => c.SqlType)), Is.EqualTo(("bigint", new[] { "character varying(40)", "bigint" })));
    }
}
