using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.Tests.SqlServer.Schema;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>ADD_TYPE's "embedded" and "asymmetric" flags: honoured for a new class, compared for a mapped one.</summary>
public class SchemaEvolutionKindTests
{
    private const string AddBadge =
        """{"type":"ADD_TYPE","object_type":"Badge","embedded":true,"properties":{"label":{"type":"string","nullable":false}}}""";

    private const string LinkBadge =
        """{"type":"ADD_PROPERTIES","object_type":"Person","properties":{"medal":{"type":"object","object_type":"Badge","nullable":true},"medals":{"type":"list","object_type":"Badge"}}}""";

    [Test]
    public void An_embedded_ADD_TYPE_maps_an_embedded_class_keyed_like_a_class_without_primary_key()
    {
        var plan = Plan(AddBadge + "," + LinkBadge);

        var badge = plan.Mapping.Classes.Single(c => c.Class.Name == "Badge");
        var address = plan.Mapping.Classes.Single(c => c.Class.Name == "Address");
        Assert.That(plan.SchemaChanged, Is.True);
        Assert.That(badge.Class.Kind, Is.EqualTo(ClassKind.Embedded));
        Assert.That((badge.KeyColumn, badge.KeySqlType), Is.EqualTo((SchemaMapper.ObjectIdColumn, address.KeySqlType)));
        Assert.That(EmbeddedDescendants.Of(plan.Mapping, plan.Mapping.Classes.Single(c => c.Class.Name == "Person")).Classes.Select(c => c.Class.Name),
            Is.EquivalentTo(new[] { "Address", "Badge" }));
    }

    [Test]
    public void The_grown_model_and_a_batch_filling_the_embedded_class_validate_with_zero_messages()
    {
        var plan = Plan(AddBadge + "," + LinkBadge + "," +
                        """{"type":"INSERT","object_type":"Badge","identity":"{0001-0001}","values":{"label":"gold"}},""" +
                        $$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"medal":"{0001-0001}"}}""");
        var batch = PlanScriptWriter.DataBatch(plan, null, Sample);
        using var model = SqlModelBuilder.Build(plan.Mapping);
        model.AddObjects($"CREATE PROCEDURE [realmsync].[plan_check] AS\nBEGIN\n{batch}END\n");

        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
        Assert.That(new ColumnReferenceChecker(model).Check(batch), Is.Empty);
    }

    [Test]
    public void An_asymmetric_ADD_TYPE_maps_an_asymmetric_class() =>
        Assert.That(
            Plan("""{"type":"ADD_TYPE","object_type":"Event","asymmetric":true,"primary_key":"_id","properties":{"_id":"objectId"}}""")
                .Mapping.Classes.Single(c => c.Class.Name == "Event").Class.Kind,
            Is.EqualTo(ClassKind.Asymmetric));

    [TestCase("""{"type":"ADD_TYPE","object_type":"Address","embedded":true,"properties":{"street":"string","city":"string"}}""")]
    [TestCase("""{"type":"ADD_TYPE","object_type":"Address","asymmetric":false,"properties":{"street":"string","city":"string"}}""")]
    [TestCase("""{"type":"ADD_TYPE","object_type":"Dog","embedded":false,"primary_key":"name","properties":{"name":"string","breed":"string?","owners":{"type":"linkingObjects","objectType":"Person","property":"dogs"}}}""")]
    public void Re_sending_a_class_with_flags_that_agree_changes_nothing(string addType) =>
        Assert.That(Plan(addType).SchemaChanged, Is.False);

    [TestCase("""{"type":"ADD_TYPE","object_type":"Reading","embedded":true,"properties":{"sensor":"string","value":"float","at":"date"}}""",
        "ADD_TYPE 'Reading' says the class is embedded, but it is mapped as top-level; a class cannot change its kind")]
    [TestCase("""{"type":"ADD_TYPE","object_type":"Address","embedded":false,"properties":{"street":"string","city":"string"}}""",
        "ADD_TYPE 'Address' says the class is top-level, but it is mapped as embedded; a class cannot change its kind")]
    [TestCase("""{"type":"ADD_TYPE","object_type":"Address","asymmetric":true,"properties":{"street":"string","city":"string"}}""",
        "ADD_TYPE 'Address' says the class is asymmetric, but it is mapped as embedded; a class cannot change its kind")]
    public void Re_sending_a_class_with_a_flag_that_contradicts_its_mapped_kind_is_bad_input(string addType, string message)
    {
        var error = Rejects(addType);

        Assert.That((error.JsonPath, error.Message), Is.EqualTo(("$.instructions[0]", $"version 7: $.instructions[0]: {message}")));
    }
}
