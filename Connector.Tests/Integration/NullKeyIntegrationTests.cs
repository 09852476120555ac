using Connector.Applier;
using Connector.RealmSchema;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3: an object with a null primary key against a real SQL Server. It cannot be stored (a NULL key is "no
/// link" in link columns), so it is left out with every instruction naming it, recorded in realmsync.DeadLetter in
/// the same SQL transaction as the rest, which is applied, and the cursor moves on, under both OnBadTransaction
/// policies. Skipped, with the reason, when there is no server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class NullKeyIntegrationTests
{
    private const string Schema = """
        [{"name": "Tag", "primaryKey": "code", "properties": {"code": "string?", "label": "string?"}},
         {"name": "Post", "primaryKey": "id", "properties": {"id": "int", "tags": "Tag[]"}}]
        """;

    [TestCase(BadTransactionPolicy.Stop)]
    [TestCase(BadTransactionPolicy.Skip)]
    public async Task The_null_keyed_object_is_left_out_and_recorded_and_the_rest_is_applied(BadTransactionPolicy policy, CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(RealmSchemaImporter.Import(Schema, "nullkey.json"), "nullkey.json", cancellationToken);
        harness.Append(
            1,
            """{"type": "INSERT", "object_type": "Tag", "identity": null, "values": {"code": null, "label": "none"}}""",
            """{"type": "INSERT", "object_type": "Tag", "identity": "a", "values": {"code": "a", "label": "first"}}""",
            """{"type": "SET", "object_type": "Tag", "identity": null, "values": {"label": "still none"}}""",
            """{"type": "INSERT", "object_type": "Post", "identity": 1, "values": {"id": 1}}""",
            """{"type": "LIST_INSERT", "object_type": "Post", "identity": 1, "property": "tags", "list_index": 0, "object_identity": "a"}""",
            """{"type": "LIST_INSERT", "object_type": "Post", "identity": 1, "property": "tags", "list_index": 1, "object_identity": null}""");
        harness.Append(2, """{"type": "INSERT", "object_type": "Post", "identity": 2, "values": {"id": 2}}""");

        var result = await harness.Applier(new ApplierOptions(OnBadTransaction: policy)).RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.LeftOut, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 2, 0, 1, 2L)));
        Assert.That(await harness.CursorAsync(cancellationToken), Is.EqualTo(2L));
        Assert.That(await harness.Database.QueryAsync("SELECT t.[code], t.[label] FROM [app].[Tag] AS t", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "a", "first" } }));
        Assert.That(await harness.Database.QueryAsync("SELECT p.[id] FROM [app].[Post] AS p ORDER BY p.[id]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 1L }, new object?[] { 2L } }));
        Assert.That(await harness.Database.QueryAsync("SELECT l.[_position], l.[_target] FROM [app].[Post__tags] AS l", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0, "a" } }));
        var deadLetters = await harness.Database.QueryAsync(
            "SELECT d.[Version], d.[InstructionIndex], d.[Error] FROM [realmsync].[DeadLetter] AS d", cancellationToken);
        Assert.That(deadLetters, Is.EqualTo(new[]
        {
            new object?[]
            {
                1L, 0,
                "version 1: class 'Tag': an object with a null primary key cannot be stored in SQL Server (a null key is indistinguishable from \"no link\" in link columns); " +
                "the 3 instruction(s) naming it (index 0, 2, 5) were left out, the rest of the transaction was applied",
            },
        }));
    }
}
