using Connector.Adapter;
using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

/// <summary>The content realm-core's test_upgrade_database.cpp states for its files.</summary>
public sealed class RealmFileCoreFixtureTests
{
    [Test]
    public void Format_20_link_to_deleted_object_42_is_an_unresolved_link()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        Assert.That(RealmFixtures.Value(reader, "origin", 4, "link1"), Is.EqualTo(new ObjectLinkValue("foo", 42, Unresolved: true)));
    }

    [Test]
    public void Format_20_link_to_deleted_eric_is_unresolved_and_has_no_primary_key()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        var link = (ObjectLinkValue)RealmFixtures.Value(reader, "origin", 11, "link2");

        Assert.That(link.Unresolved, Is.True);
        Assert.That(reader.TryResolvePrimaryKey("bar", link.ObjKey, out _), Is.False);
    }

    [Test]
    public void Format_20_origin_links_resolve_to_the_foo_ids_in_creation_order()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        var ids = reader.ReadObjects("origin").Take(7).Select(o => Resolve(reader, o.Values[0]));

        Assert.That(string.Join(' ', ids), Is.EqualTo("0 2 3 15 tombstone 100 7000"));
    }

    [Test]
    public void Format_20_origin_links_resolve_to_the_bar_names_in_creation_order()
    {
        using var reader = RealmFixtures.Open("core-upgrade-20.realm");

        var names = reader.ReadObjects("origin").Skip(7).Select(o => Resolve(reader, o.Values[1]));

        Assert.That(string.Join(' ', names), Is.EqualTo("adam bart carlo david tombstone frank gary"));
    }

    [Test]
    public void Format_22_dictionary_of_mixed_holds_the_nine_upstream_entries()
    {
        using var reader = RealmFixtures.Open("core-upgrade-22.realm");

        var dict = (DictionaryValue)RealmFixtures.Value(reader, "table", 0, "dict");

        Assert.That(dict.Entries.ToDictionary(e => e.Key, e => e.Value), Is.EquivalentTo(new Dictionary<string, RealmValue>
        {
            ["one"] = new IntValue(1),
            ["two"] = new DoubleValue(2),
            ["three"] = new StringValue("John"),
            ["four"] = new StringValue("Paul"),
            ["five"] = new StringValue("George"),
            ["six"] = new StringValue("Ringo"),
            ["seven"] = new StringValue("Morgan"),
            ["eight"] = new TimestampValue(4, 5),
            ["nine"] = new ObjectLinkValue("target", 0),
        }));
    }

    [Test]
    public void Format_22_typed_link_resolves_to_target_47()
    {
        using var reader = RealmFixtures.Open("core-upgrade-22.realm");

        Assert.That(reader.TryResolvePrimaryKey("target", 0, out var key), Is.True);
        Assert.That(key, Is.EqualTo(new IntValue(47)));
    }

    [Test]
    // Upstream writes BinaryData("Paul"), whose size includes the literal's NUL: the stored binary is "Paul\0".
    public void Format_22_mixed_set_holds_the_eight_upstream_values()
    {
        using var reader = RealmFixtures.Open("core-upgrade-22.realm");

        var set = (ListValue)RealmFixtures.Value(reader, "table", 0, "set");

        Assert.That(set.Items, Is.EquivalentTo(new RealmValue[]
        {
            new IntValue(1), new DoubleValue(2), new StringValue("John"), new StringValue("Ringo"),
            new DataValue("Paul\0"u8.ToArray()), new DataValue("George\0"u8.ToArray()), new StringValue("Beatles"),
            new ObjectLinkValue("target", 0),
        }));
    }

    [Test]
    public void Format_23_multi_level_cluster_tree_yields_10000_objects_with_keys_equal_to_ids()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var mismatches = reader.ReadObjects("table").Count(o => o.Values[0] != new IntValue(o.ObjKey));

        Assert.That(reader.ReadObjects("table").Select(o => o.ObjKey), Is.EqualTo(Enumerable.Range(0, 10_000).Select(i => (long)i)));
        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void Format_23_all_10000_objects_link_to_the_one_target()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var links = reader.ReadObjects("table").Select(o => o.Values[1]).Distinct().ToList();

        Assert.That(links, Is.EqualTo(new RealmValue[] { new ObjectLinkValue("target", 0) }));
    }

    [Test]
    public void Format_23_mixed_set_has_32_values_including_objectid_uuid_and_timestamp()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var set = ((ListValue)RealmFixtures.Value(reader, "table_for_mixed", 0, "mixedSet")).Items;

        Assert.That(set, Has.Length.EqualTo(32));
        Assert.That(set, Does.Contain(new ObjectIdValue("abcdefabcdefabcdefabcdef")));
        Assert.That(set, Does.Contain(new UuidValue(Guid.Empty)));
        Assert.That(set, Does.Contain(new TimestampValue(0, 0)));
        Assert.That(set, Does.Contain(new StringValue("\0\0\u0001")));
    }

    [Test]
    public void Format_23_string_set_keeps_nul_and_non_ascii_strings()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var set = ((ListValue)RealmFixtures.Value(reader, "table_for_mixed", 0, "stringSet")).Items;

        Assert.That(set, Has.Length.EqualTo(20));
        Assert.That(set.Take(6), Is.EqualTo(new RealmValue[]
        {
            RealmValue.Null, new StringValue(string.Empty), new StringValue("Æ"), new StringValue("æ"),
            new StringValue("ÿ"), new StringValue("ʄ"),
        }));
        Assert.That(set, Does.Contain(new StringValue(new string('a', 200) + "aaaaʄ")));
    }

    [Test]
    public void Format_23_binary_set_holds_the_upstream_blobs()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var set = ((ListValue)RealmFixtures.Value(reader, "table_for_mixed", 0, "binarySet")).Items;

        Assert.That(set, Has.Length.EqualTo(8));
        Assert.That(set[0], Is.EqualTo(RealmValue.Null));
        Assert.That(set, Does.Contain(new DataValue("Paul\0"u8.ToArray())));
        Assert.That(set.OfType<DataValue>().Max(d => d.Bytes.Length), Is.EqualTo(206));
    }

    [Test]
    public void Format_23_mixed_column_holds_the_string_edge_cases()
    {
        using var reader = RealmFixtures.Open("core-upgrade-23.realm");

        var first = reader.ReadObjects("table2").Take(3).Select(o => o.Values[1]);

        Assert.That(first, Is.EqualTo(new RealmValue[] { RealmValue.Null, new StringValue(string.Empty), new StringValue("\0") }));
    }

    [Test]
    public void Asymmetric_objects_still_in_the_file_are_read()
    {
        // Upstream (Upgrade_RecoverAsymmetricTables) sees 0 objects because opening the file drops them; the
        // bytes hold 3, which is what a read-only reader reports.
        using var reader = RealmFixtures.Open("core-asymmetric-22.realm");

        Assert.That(reader.ReadObjects("ephemeral").Select(o => o.Values[0]), Is.EqualTo(new RealmValue[] { new IntValue(1), new IntValue(2), new IntValue(3) }));
    }

    [Test]
    public void Persistent_table_beside_the_asymmetric_one_has_uno_dos_tres()
    {
        using var reader = RealmFixtures.Open("core-asymmetric-22.realm");

        var ids = reader.ReadObjects("persistent").Select(o => ((StringValue)o.Values[0]).Value);

        Assert.That(string.Join(' ', ids), Is.EqualTo("uno dos tres"));
    }

    private static string Resolve(RealmFileReader reader, RealmValue value)
    {
        var link = (ObjectLinkValue)value;
        if (link.Unresolved)
        {
            return "tombstone";
        }

        Assert.That(reader.TryResolvePrimaryKey(link.TargetClass, link.ObjKey, out var key), Is.True);
        return key switch
        {
            IntValue i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringValue s => s.Value,
            _ => key.ToString()!,
        };
    }
}
