using System.Data;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// The paging parameter (<c>@afterKey</c>) is typed exactly as the key column it is compared with, for every key type
/// a table can have: those the connector generates (realm-first) and those an existing table may declare (SQL-first).
/// An inferred parameter (AddWithValue) is nvarchar for any string and varbinary for any byte array.
/// </summary>
public class PageKeyTests
{
    private static readonly Dictionary<string, (SqlDbType Type, int Size)> RealmFirstKeys = new()
    {
        ["bigint"] = (SqlDbType.BigInt, 0),
        ["nvarchar(450)"] = (SqlDbType.NVarChar, 450),
        ["nvarchar(64)"] = (SqlDbType.NVarChar, 64),
        ["binary(12)"] = (SqlDbType.Binary, 12),
        ["uniqueidentifier"] = (SqlDbType.UniqueIdentifier, 0),
    };

    [Test]
    public void Every_realm_first_key_of_the_corpus_pages_with_a_parameter_of_its_own_type()
    {
        var seen = new Dictionary<string, (SqlDbType, int)>();
        foreach (var file in SchemaCorpus.Files)
        {
            var mapping = SchemaMapper.Map(SchemaCorpus.Load(file), "/corpus", "app");
            var tables = mapping.Tables.ToDictionary(t => t.Name);
            foreach (var mapped in mapping.Classes)
            {
                var parameter = PageKey.Parameter(tables[mapped.Table], Value(mapped.KeySqlType));
                seen[mapped.KeySqlType] = (parameter.SqlDbType, parameter.Size);
            }
        }

        // nvarchar(64): the Adapter's object identity, the key of a class without a Realm primary key.
        Assert.That(seen, Is.EquivalentTo(RealmFirstKeys.Select(k => KeyValuePair.Create(k.Key, (k.Value.Type, k.Value.Size)))));
    }

    /// <summary>Collection pages are ordered by the child's <c>_owner</c>, typed by the owner's key: the two must agree.</summary>
    [Test]
    public void Every_collection_owner_column_has_the_type_of_its_owner_key()
    {
        var mismatches = new List<string>();
        foreach (var file in SchemaCorpus.Files)
        {
            var mapping = SchemaMapper.Map(SchemaCorpus.Load(file), "/corpus", "app");
            var tables = mapping.Tables.ToDictionary(t => t.Name);
            foreach (var mapped in mapping.Classes)
            {
                foreach (var child in mapped.Properties.Where(p => p.ChildTable is not null).Select(p => tables[p.ChildTable!]))
                {
                    var owner = child.Columns.First(c => c.Name == SchemaMapper.OwnerColumn).SqlType;
                    if (owner != PageKey.Type(tables[mapped.Table]).Text)
                    {
                        mismatches.Add($"{Path.GetFileName(file)}: {child.Name}.{SchemaMapper.OwnerColumn} is {owner}, {mapped.Table}'s key is {mapped.KeySqlType}");
                    }
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [TestCase("tinyint", 1, SqlDbType.TinyInt, null)]
    [TestCase("smallint", 2, SqlDbType.SmallInt, null)]
    [TestCase("int", 4, SqlDbType.Int, null)]
    [TestCase("bigint", 8, SqlDbType.BigInt, null)]
    [TestCase("char", 10, SqlDbType.Char, 10)]
    [TestCase("varchar", 20, SqlDbType.VarChar, 20)]
    [TestCase("nchar", 20, SqlDbType.NChar, 10)]
    [TestCase("nvarchar", 100, SqlDbType.NVarChar, 50)]
    [TestCase("uniqueidentifier", 16, SqlDbType.UniqueIdentifier, null)]
    public void Every_sql_first_key_type_pages_with_a_parameter_of_the_declared_type_and_length(string type, int bytes, SqlDbType expected, int? length)
    {
        var result = SqlFirstMapper.Map(new TableMetadata("dbo", "Codes", [new ColumnMetadata("code", type, false, bytes, 0, 0)], ["code"]));

        var parameter = PageKey.Parameter(result.Table!, Value(result.Mapping!.KeySqlType));

        // A fixed-size type has no length to give (SqlClient infers one from the value); a string key's is its declared length in characters.
        Assert.That((parameter.SqlDbType, length is null ? (int?)null : parameter.Size), Is.EqualTo((expected, length)));
    }

    [Test]
    public void A_sql_first_binary_12_key_read_as_an_object_id_pages_with_binary_12()
    {
        var result = SqlFirstMapper.Map(new TableMetadata("dbo", "Codes", [new ColumnMetadata("code", "binary", false, 12, 0, 0)], ["code"]), binaryTwelveAsObjectId: true);

        var parameter = PageKey.Parameter(result.Table!, new byte[12]);

        Assert.That((parameter.SqlDbType, parameter.Size), Is.EqualTo((SqlDbType.Binary, 12)));
    }

    /// <summary>The finding itself: a varchar key read as a string must not go back as nvarchar.</summary>
    [Test]
    public void A_varchar_key_read_back_as_a_string_is_sent_as_varchar_not_as_the_nvarchar_inferred_from_the_string()
    {
        var parameter = PageKey.Parameter(Table("varchar(20)"), "a-b");

        Assert.That((parameter.ParameterName, parameter.SqlDbType, parameter.Size, parameter.Value), Is.EqualTo((ChangeTrackingQueries.AfterKey, SqlDbType.VarChar, 20, (object)"a-b")));
    }

    private static SqlTableDefinition Table(string keyType) =>
        new("dbo", "Codes", TableRole.Class, [new SqlColumnDefinition("code", keyType, false)], ["code"], true, []);

    private static object Value(string keyType) => keyType switch
    {
        "bigint" => 1L,
        "int" => 1,
        "smallint" => (short)1,
        "tinyint" => (byte)1,
        "binary(12)" => new byte[12],
        "uniqueidentifier" => Guid.Empty,
        _ => "k",
    };
}
