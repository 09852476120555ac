using Connector.Adapter;
using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

/// <summary>Files written by the Realm SDKs, checked against what their own tests state.</summary>
public sealed class RealmFileSdkFixtureTests
{
    private static readonly RealmFileReaderOptions LegacyGuids = new() { LegacyDotNetGuidOrder = true };

    [Test]
    public void Dotnet_guids_in_legacy_order_match_GetGuidObjects()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm", LegacyGuids);
        var first = reader.ReadObjects("GuidType").First();

        Assert.That(first.Values[0], Is.EqualTo(Uuid("f8f37f1f-26c5-415e-b45c-12dbdc8478c8")));
        Assert.That(first.Values[1], Is.EqualTo(Uuid("527bf8dc-5452-493b-a091-f098d986f120")));
    }

    [Test]
    public void Dotnet_guids_read_in_rfc_order_by_default_are_byte_swapped()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm");

        Assert.That(reader.ReadObjects("GuidType").First().Values[0], Is.EqualTo(Uuid("1f7ff3f8-c526-5e41-b45c-12dbdc8478c8")));
    }

    [Test]
    public void Dotnet_guid_lists_sets_and_dictionaries_hold_optional_uuids()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm", LegacyGuids);
        var first = reader.ReadObjects("GuidType").First();

        Assert.That(first.Values[6], Is.EqualTo(new ListValue([Uuid("09367b97-4ecf-4391-ae4a-44d85f8dc27f"), RealmValue.Null])));
        Assert.That(((ListValue)first.Values[7]).Items, Is.EquivalentTo(new RealmValue[] { Uuid("e89d691a-fed9-4a6f-9028-566c06dee2fc"), RealmValue.Null }));
        Assert.That(first.Values[8], Is.EqualTo(new DictionaryValue(
        [
            new("c", Uuid("6700d95f-5e49-4331-bae0-03b9b0994549")),
            new("d", RealmValue.Null),
        ])));
    }

    [Test]
    public void Dotnet_mixed_list_holds_a_uuid_a_string_and_an_int()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm", LegacyGuids);

        var mixedList = reader.ReadObjects("GuidType").First().Values[11];

        Assert.That(mixedList, Is.EqualTo(new ListValue([Uuid("4ad92d5b-27a8-46d2-aed9-e0b14f25a19e"), new StringValue("abc"), new IntValue(999)])));
    }

    [Test]
    public void Dotnet_mixed_dictionary_keeps_the_timestamp_ticks()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm", LegacyGuids);

        var dict = (DictionaryValue)reader.ReadObjects("GuidType").First().Values[13];

        // 637798379974738110 ticks = 2022-02-07T13:39:57.473811Z.
        Assert.That(dict.Entries.Single(e => e.Key == "b").Value, Is.EqualTo(new TimestampValue(1644241197, 473811000)));
    }

    [Test]
    public void Dotnet_embedded_object_is_a_link_to_the_embedded_class()
    {
        using var reader = RealmFixtures.Open("dotnet-guids-24.realm", LegacyGuids);

        var embedded = reader.ReadObjects("GuidType").First().Values[14];
        var regular = RealmFixtures.Value(reader, "EmbeddedGuidType", ((ObjectLinkValue)embedded).ObjKey, "RegularProperty");

        Assert.That(regular, Is.EqualTo(Uuid("64073484-5c31-4dcc-8276-282a448f760b")));
    }

    [Test]
    public void Dotnet_migration_person_is_migratey_mcmigrateface()
    {
        using var reader = RealmFixtures.Open("dotnet-migration-22.realm");

        var person = reader.ReadObjects("Person").Single();

        Assert.That(person.Values, Is.EqualTo(new RealmValue[]
        {
            new StringValue("Migratey"), new StringValue("McMigrateface"), new FloatValue(0), new DoubleValue(0),
            new DoubleValue(0), new TimestampValue(1468837396, 548043012), new StringValue(string.Empty),
            new BoolValue(false), new StringValue("Needs migration"), new ListValue([]),
        }));
    }

    [Test]
    public void Dotnet_v6_location_has_doubles_nulls_and_strings()
    {
        using var reader = RealmFixtures.Open("dotnet-v6db-22.realm");

        var location = reader.ReadObjects("LocationModel").Single().Values;

        Assert.That(location[0], Is.EqualTo(new StringValue("28.5029--81.7001")));
        Assert.That(location[1], Is.EqualTo(new DoubleValue(28.502670288085938)));
        Assert.That(location[2], Is.EqualTo(new DoubleValue(-81.70007706098572)));
        Assert.That(location[8], Is.EqualTo(RealmValue.Null));
        Assert.That(location[12], Is.EqualTo(new StringValue("US")));
    }

    [Test]
    public void Dotnet_v6_weather_links_to_container_objects()
    {
        using var reader = RealmFixtures.Open("dotnet-v6db-22.realm");

        var weather = reader.ReadObjects("WeatherModel").Single().Values;

        Assert.That(weather[3], Is.EqualTo(new ObjectLinkValue("ContainerModel", 2)));
        Assert.That(weather[15], Is.EqualTo(new ObjectLinkValue("ContainerModel", 1)));
        Assert.That(weather[2], Is.EqualTo(RealmValue.Null));
    }

    [Test]
    public void Js_dates_keep_a_negative_timestamp_before_1970()
    {
        using var reader = RealmFixtures.Open("js-dates-23.realm");

        var dates = reader.ReadObjects("Date").Select(o => o.Values).ToList();

        Assert.That(dates[0], Is.EqualTo(new RealmValue[] { new TimestampValue(1462500087, 955000000), RealmValue.Null }));
        Assert.That(dates[1], Is.EqualTo(new RealmValue[] { new TimestampValue(-25488000, 0), RealmValue.Null }));
    }

    [Test]
    public void Js_parents_legacy_linklist_names_the_children()
    {
        using var reader = RealmFixtures.Open("js-parents-22.realm");
        var childNames = reader.ReadObjects("Child").ToDictionary(o => o.ObjKey, o => ((StringValue)o.Values[0]).Value);

        var families = reader.ReadObjects("Parent").Select(parent =>
            ((StringValue)parent.Values[0]).Value + ":" +
            string.Join(',', ((ListValue)parent.Values[3]).Items.Select(c => childNames[((ObjectLinkValue)c).ObjKey])));

        Assert.That(string.Join(' ', families), Is.EqualTo(
            "Adam:Eric,Harriet Ben:Frederick,George,Isabel Cindy:Eric,Harriet,Kimberly Dorothy:Frederick,George,Isabel Jack:Kimberly"));
    }

    [Test]
    public void Js_parents_to_one_link_marries_ben_and_dorothy()
    {
        using var reader = RealmFixtures.Open("js-parents-22.realm");

        Assert.That(RealmFixtures.Value(reader, "Parent", 1, "marriedTo"), Is.EqualTo(new ObjectLinkValue("Parent", 3)));
        Assert.That(RealmFixtures.Value(reader, "Parent", 3, "marriedTo"), Is.EqualTo(new ObjectLinkValue("Parent", 1)));
    }

    [Test]
    public void Kotlin_primary_keys_are_strings_holding_the_objectid_text()
    {
        // The Kotlin test asset stores its "ObjectId" keys as strings: the column type is String.
        using var reader = RealmFixtures.Open("kotlin-objectid-23.realm");

        var ids = reader.ReadObjects("ParentPk").Select(o => o.Values[0]);

        Assert.That(reader.Schema.Find("ParentPk")!.PrimaryKeyProperty!.Shorthand, Is.EqualTo("string"));
        Assert.That(ids, Is.EqualTo(new RealmValue[]
        {
            new StringValue("BsonObjectId(644bba50855fec7862abc9b4)"), new StringValue("BsonObjectId(644bba50855fec7862abc9b5)"),
        }));
    }

    private static UuidValue Uuid(string text) => new(Guid.Parse(text));
}
