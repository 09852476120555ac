using Connector.Applier;
using Connector.RealmSchema;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3: NaN and infinities against a real SQL Server. float and real hold finite values only, so a transaction
/// carrying one is dead-lettered by name; a mixed stores it as tagged JSON text. Skipped, with the reason, when
/// there is no server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class NonFiniteIntegrationTests
{
    private const string Schema = """
        [{"name": "Probe", "primaryKey": "id",
          "properties": {"id": "int", "ratio": "double?", "level": "float", "extra": "mixed", "scores": "double[]"}}]
        """;

    [Test]
    public async Task A_NaN_in_a_float_column_is_dead_lettered_by_name_and_a_NaN_in_a_mixed_is_stored(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(RealmSchemaImporter.Import(Schema, "probe.json"), "probe.json", cancellationToken);
        harness.Append(1, Insert(1, """ "ratio": 0.5, "level": 1.5, "extra": ["double", "NaN"], "scores": [-0.0, 2.0] """));
        harness.Append(2, Insert(2, """ "ratio": ["double", "NaN"], "level": 1.0 """));
        harness.Append(3, Insert(3, """ "level": 1.0, "scores": [1.0, ["double", "-Infinity"]] """));
        harness.Append(4, Insert(4, """ "ratio": ["double", "Infinity"], "level": 1.0 """), Insert(5, """ "level": 2.0 """));
        harness.Append(5, Insert(6, """ "level": ["float", "-Infinity"] """));

        var result = await harness.Applier(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip))
            .RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 4, 5L)));
        Assert.That(await harness.Database.QueryAsync("SELECT p.[id], p.[ratio], p.[level], p.[extra] FROM [app].[Probe] AS p", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 1L, 0.5, 1.5f, "[\"double\",\"NaN\"]" } }));
        Assert.That(await harness.Database.QueryAsync("SELECT s.[_value] FROM [app].[Probe__scores] AS s ORDER BY s.[_position]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0.0 }, new object?[] { 2.0 } }));
        var deadLetters = await harness.Database.QueryAsync(
            "SELECT d.[Version], d.[InstructionIndex], d.[Error] FROM [realmsync].[DeadLetter] AS d ORDER BY d.[DeadLetterId]", cancellationToken);
        Assert.That(deadLetters.Select(row => row[..2]), Is.EqualTo(new[] { new object?[] { 2L, 0 }, new object?[] { 3L, 0 }, new object?[] { 4L, 0 }, new object?[] { 5L, 0 } }));
        string[] expected =
        [
            "version 2: $.instructions[0].values.ratio: class 'Probe', property 'ratio': NaN cannot be stored in SQL Server (float holds finite values only)",
            "version 3: $.instructions[0].values.scores[1]: class 'Probe', property 'scores': -Infinity cannot be stored in SQL Server (float holds finite values only)",
            "version 4: $.instructions[0].values.ratio: class 'Probe', property 'ratio': Infinity cannot be stored in SQL Server (float holds finite values only)",
            "version 5: $.instructions[0].values.level: class 'Probe', property 'level': -Infinity cannot be stored in SQL Server (real holds finite values only)",
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That((string)deadLetters[i][2]!, Does.EndWith(expected[i]));
        }
    }

    private static string Insert(int id, string values) =>
        $$$"""{"type": "INSERT", "object_type": "Probe", "identity": {{{id}}}, "values": {"id": {{{id}}}, {{{values}}}}}""";
}
