using System.Globalization;
using Connector.Applier;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3: deleting an object deletes its embedded objects at any depth, on a real SQL Server. The schema is
/// Corpus/deep-embedded.json: Root (keyed by int) embeds a chain Level01..Level40 and a list and a dictionary of
/// Items; an Item embeds a Detail, a list of Parts (each with a Detail of its own) and a set of tags. Two roots
/// are built alike; only the first is deleted, and the second must keep every row.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class EmbeddedDeleteIntegrationTests
{
    private const int Depth = 40;

    [Test]
    public async Task Deleting_the_owner_of_a_forty_deep_embedded_chain_deletes_every_level(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(EmbeddedSchemas.DeepSchema, "deep-embedded.json", cancellationToken);
        harness.Append(1, [.. Chain(1), .. Chain(2)]);
        await ApplyAsync(harness, 1, cancellationToken);
        Assert.That(await ChainRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedChainRows(1).Concat(ExpectedChainRows(2))),
            "both chains are there before the delete");

        // One $delete call for the root: before the fix it nested one EXEC per embedded level and passed SQL Server's limit of 32 (Msg 217).
        harness.Append(2, Delete("Root", "1"));
        await ApplyAsync(harness, 2, cancellationToken);

        Assert.That(await harness.Database.QueryAsync("SELECT r.[id] FROM [app].[Root] AS r", cancellationToken), Is.EqualTo(new[] { new object?[] { 2L } }));
        Assert.That(await ChainRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedChainRows(2)));
    }

    [Test]
    public async Task Deleting_the_owner_of_an_embedded_list_deletes_its_elements_and_what_they_own(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(EmbeddedSchemas.DeepSchema, "deep-embedded.json", cancellationToken);
        harness.Append(1, [.. Items(1), .. Items(2)]);
        await ApplyAsync(harness, 1, cancellationToken);
        Assert.That(await ItemRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedItemRows(1).Concat(ExpectedItemRows(2))),
            "both roots' items are there before the delete");

        harness.Append(2, Delete("Root", "1"));
        await ApplyAsync(harness, 2, cancellationToken);

        Assert.That(await ItemRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedItemRows(2)));
        Assert.That(await harness.Database.QueryAsync("SELECT l.[_position], l.[_target] FROM [app].[Root__items] AS l ORDER BY l.[_position]", cancellationToken),
            Is.EqualTo(Enumerable.Range(0, 3).Select(i => new object?[] { i, Id("item", 2, i) })));
    }

    [Test]
    public async Task With_embedded_classes_in_a_cycle_deleting_the_owner_deletes_a_forty_deep_self_embedded_chain(CancellationToken cancellationToken)
    {
        // Realm refuses such a schema; the procedure gathers in passes (WHILE) here, and must still end and miss nothing.
        await using var harness = await ApplierHarness.StartAsync(EmbeddedSchemas.CyclicSchema, "cyclic (built in code)", cancellationToken);
        harness.Append(1, [.. Tree("t1", Depth), .. Tree("t2", 3)]);
        await ApplyAsync(harness, 1, cancellationToken);
        Assert.That(await TreeRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedTreeRows("t1", Depth).Concat(ExpectedTreeRows("t2", 3))),
            "both trees are there before the delete");

        harness.Append(2, Delete("Tree", "\"t1\""));
        await ApplyAsync(harness, 2, cancellationToken);

        Assert.That(await TreeRowsAsync(harness, cancellationToken), Is.EquivalentTo(ExpectedTreeRows("t2", 3)));
        Assert.That(await harness.Database.QueryAsync("SELECT t.[id] FROM [app].[Tree] AS t", cancellationToken), Is.EqualTo(new[] { new object?[] { "t2" } }));
    }

    private static async Task ApplyAsync(ApplierHarness harness, long version, CancellationToken cancellationToken)
    {
        var result = await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        Assert.That((result.Status, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, version)), result.Reason);
    }

    /// <summary>An opaque object identity (a class without primary key) naming its kind, root and place.</summary>
    private static string Id(string kind, int root, int n) => string.Create(CultureInfo.InvariantCulture, $"{{{kind}-{root}-{n}}}");

    private static string Insert(string type, string identity, string values) =>
        $$"""{"type": "INSERT", "object_type": "{{type}}", "identity": {{identity}}, "values": {{values}}}""";

    private static string Quoted(string identity) => "\"" + identity + "\"";

    /// <summary>Root <paramref name="root"/> owning Level01..Level40, the deepest inserted first (instructions are in causal order).</summary>
    private static IEnumerable<string> Chain(int root)
    {
        yield return Insert("Level40", Quoted(Id("level", root, Depth)), $$"""{"depth": {{Depth}}, "notes": ["first", "second"]}""");
        for (var level = Depth - 1; level >= 1; level--)
        {
            yield return Insert($"Level{level:D2}", Quoted(Id("level", root, level)), $$"""{"depth": {{level}}, "child": {{Quoted(Id("level", root, level + 1))}}}""");
        }

        yield return Insert("Root", root.ToString(CultureInfo.InvariantCulture), $$"""{"id": {{root}}, "child": {{Quoted(Id("level", root, 1))}}}""");
    }

    private static IEnumerable<object?[]> ExpectedChainRows(int root) =>
        Enumerable.Range(1, Depth).Select(level => new object?[] { $"Level{level:D2}", Id("level", root, level) })
            .Concat(Enumerable.Repeat(new object?[] { "Level40__notes", Id("level", root, Depth) }, 2));

    private static Task<List<object?[]>> ChainRowsAsync(ApplierHarness harness, CancellationToken cancellationToken) =>
        harness.Database.QueryAsync(string.Join("\nUNION ALL\n",
            Enumerable.Range(1, Depth).Select(level => Rows($"Level{level:D2}", "_realm_object_id")).Append(Rows("Level40__notes", "_owner"))), cancellationToken);

    /// <summary>
    /// Root <paramref name="root"/> with three Items in its list and one in its dictionary; each Item has a Detail, two
    /// tags and two Parts, each Part a Detail of its own, each Detail a dictionary of scores.
    /// </summary>
    private static IEnumerable<string> Items(int root)
    {
        yield return Insert("Root", root.ToString(CultureInfo.InvariantCulture), $$"""{"id": {{root}}}""");
        for (var item = 0; item < 4; item++)
        {
            for (var part = 0; part < 2; part++)
            {
                var n = item * 2 + part;
                yield return Insert("Detail", Quoted(Id("partDetail", root, n)), """{"text": "of a part", "scores": {"a": 1}}""");
                yield return Insert("Part", Quoted(Id("part", root, n)), $$"""{"label": "part", "detail": {{Quoted(Id("partDetail", root, n))}}}""");
            }

            yield return Insert("Detail", Quoted(Id("detail", root, item)), """{"text": "of an item", "scores": {"a": 1, "b": 2}}""");
            yield return Insert("Item", Quoted(Id("item", root, item)), $$"""{"name": "item", "detail": {{Quoted(Id("detail", root, item))}}, "tags": ["x", "y"]}""");
            for (var part = 0; part < 2; part++)
            {
                yield return ListInsert("Item", Quoted(Id("item", root, item)), "parts", part, Id("part", root, item * 2 + part));
            }

            yield return item < 3
                ? ListInsert("Root", root.ToString(CultureInfo.InvariantCulture), "items", item, Id("item", root, item))
                : Set("Root", root.ToString(CultureInfo.InvariantCulture), $$$"""{"itemsByName": {"last": {{{Quoted(Id("item", root, item))}}}}}""");
        }
    }

    private static string ListInsert(string type, string owner, string property, int index, string target) =>
        $$"""{"type": "LIST_INSERT", "object_type": "{{type}}", "identity": {{owner}}, "property": "{{property}}", "list_index": {{index}}, "object_identity": "{{target}}"}""";

    private static IEnumerable<object?[]> ExpectedItemRows(int root)
    {
        var items = Enumerable.Range(0, 4).Select(i => Id("item", root, i)).ToList();
        var parts = Enumerable.Range(0, 8).Select(p => Id("part", root, p)).ToList();
        var details = items.Select((_, i) => Id("detail", root, i)).Concat(parts.Select((_, p) => Id("partDetail", root, p))).ToList();
        return items.Select(i => new object?[] { "Item", i })
            .Concat(parts.Select(p => new object?[] { "Part", p }))
            .Concat(details.Select(d => new object?[] { "Detail", d }))
            .Concat(items.Take(3).Select(_ => new object?[] { "Root__items", (long)root }))
            .Append(["Root__itemsByName", (long)root])
            .Concat(parts.Select((_, p) => new object?[] { "Item__parts", items[p / 2] }))
            .Concat(items.SelectMany(i => new[] { new object?[] { "Item__tags", i }, ["Item__tags", i] }))
            .Concat(details.SelectMany((d, n) => Enumerable.Repeat(new object?[] { "Detail__scores", d }, n < 4 ? 2 : 1)));
    }

    /// <summary>Every row of the tables an Item tree lives in, as (table, key or owner): the owner of a collection row.</summary>
    private static Task<List<object?[]>> ItemRowsAsync(ApplierHarness harness, CancellationToken cancellationToken) =>
        harness.Database.QueryAsync(string.Join("\nUNION ALL\n",
            Rows("Item", "_realm_object_id"), Rows("Part", "_realm_object_id"), Rows("Detail", "_realm_object_id"),
            Rows("Root__items", "_owner"), Rows("Root__itemsByName", "_owner"),
            Rows("Item__parts", "_owner"), Rows("Item__tags", "_owner"), Rows("Detail__scores", "_owner")), cancellationToken);

    /// <summary><c>SELECT N'table', t.[column] FROM [app].[table] AS t</c>, the column as sql_variant so that int and string keys share a UNION.</summary>
    private static string Rows(string table, string column) =>
        $"SELECT N'{table}', CAST(t.{SqlIdentifier.Quote(column)} AS sql_variant) FROM {SqlIdentifier.Quote("app", table)} AS t";

    /// <summary>
    /// Tree <paramref name="tree"/>: Nodes 1..<paramref name="depth"/> chained by <c>next</c>, node 1 with two weights,
    /// node 2 with two children in its list, the first child with a Twig that embeds one more Node.
    /// </summary>
    private static IEnumerable<string> Tree(string tree, int depth)
    {
        string Named(string name) => Quoted($"{{{tree}-{name}}}");
        yield return Insert("Node", Named("b"), """{"label": "b"}""");
        yield return Insert("Twig", Named("twig"), $$"""{"back": {{Named("b")}}}""");
        yield return Insert("Node", Named("c1"), $$"""{"label": "c1", "twig": {{Named("twig")}}}""");
        yield return Insert("Node", Named("c2"), """{"label": "c2"}""");
        for (var n = depth; n >= 1; n--)
        {
            var next = n < depth ? $", \"next\": {Named($"n{n + 1}")}" : string.Empty;
            var weights = n == 1 ? ", \"weights\": [1.5, 2.5]" : string.Empty;
            yield return Insert("Node", Named($"n{n}"), $$"""{"label": "n{{n}}"{{next}}{{weights}}}""");
        }

        yield return ListInsert("Node", Named("n2"), "children", 0, $"{{{tree}-c1}}");
        yield return ListInsert("Node", Named("n2"), "children", 1, $"{{{tree}-c2}}");
        yield return Insert("Tree", Quoted(tree), $$"""{"id": "{{tree}}", "top": {{Named("n1")}}}""");
    }

    private static IEnumerable<object?[]> ExpectedTreeRows(string tree, int depth)
    {
        string Named(string name) => $"{{{tree}-{name}}}";
        return Enumerable.Range(1, depth).Select(n => new object?[] { "Node", Named($"n{n}") })
            .Concat(new[] { "b", "c1", "c2" }.Select(name => new object?[] { "Node", Named(name) }))
            .Append(["Twig", Named("twig")])
            .Concat(Enumerable.Repeat(new object?[] { "Node__children", Named("n2") }, 2))
            .Concat(Enumerable.Repeat(new object?[] { "Node__weights", Named("n1") }, 2));
    }

    private static Task<List<object?[]>> TreeRowsAsync(ApplierHarness harness, CancellationToken cancellationToken) =>
        harness.Database.QueryAsync(string.Join("\nUNION ALL\n",
            Rows("Node", "_realm_object_id"), Rows("Twig", "_realm_object_id"), Rows("Node__children", "_owner"), Rows("Node__weights", "_owner")), cancellationToken);
}
