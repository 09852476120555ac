using Connector.Adapter;
using Connector.Applier;
using Connector.ChangeTracking;
using Connector.Postgres;
using Connector.Tests.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// Conflicts of a partitioned mapping's Realms on PostgreSQL (issue 12): they apply without a probe, and a transaction
/// that fails on an object or list owner SQL deleted (not captured yet) is applied again with the probe of the mapping,
/// which sends every Realm its pending changes and resolves the conflicts of this Realm only, under its RealmId; a
/// delete a capture already took (a pass, another Realm's probe) is found in the Realm's own outbox (PgSentDeletes).
/// Two Realms, Ann and Bob, each with a Dog "rex" in the shared "Dog" table.
/// </summary>
[TestFixture]
public sealed class PartitionedConflictTests
{
    private const string Ann = "/0a11/private";
    private const string Bob = "/0b0b/private";

    [TestCase(ConflictPolicy.SqlWins)]
    [TestCase(ConflictPolicy.RealmWins)]
    public async Task A_SET_on_a_row_SQL_deleted_is_a_conflict_of_that_Realm_and_the_rest_of_its_transaction_applies(ConflictPolicy policy)
    {
        await using var world = await World.StartAsync(policy);
        await world.SqlAsync($"DELETE FROM public.\"Dog\" WHERE name = 'rex' AND _realm_id = {world.AnnId};");
        world.Write(Ann, 2,
            """{"type":"SET","object_type":"Dog","identity":"rex","values":{"breed":"beagle"}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","breed":"pug"}}""");

        var run = await world.RunAsync(Ann);

        Assert.That((run.Status, run.Applied, run.DeadLettered, run.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 0, 1)), run.Reason);
        Assert.That(await world.ConflictsAsync(), Is.EqualTo(new[] { $"{world.AnnId} \"rex\" {ApplierOptions.PolicyText(policy)} 0" }),
            "recorded under Ann's RealmId, at the SET");
        Assert.That(await SeedScenarioTests.DogsAsync(world.ConnectionString), Is.EqualTo(new[] { $"{Ann} max pug", $"{Bob} rex pug" }),
            "the SET does not bring back what SQL deleted, the INSERT applies, Bob's rex is untouched");
        Assert.That(await world.DeadLettersAsync(), Is.EqualTo(0L));
        Assert.That(await world.OutboundAsync(world.AnnId), Is.EqualTo(new[] { "DELETE Dog \"rex\"" }), "the probe queued SQL's delete for Ann");
        Assert.That(await world.OutboundAsync(world.BobId), Is.Empty);

        await world.PassAsync();
        Assert.That(await world.OutboundAsync(world.AnnId), Is.Empty, "the delete went out once; Ann's own INSERT is not sent back");
        Assert.That(await world.OutboundAsync(world.BobId), Is.Empty);
    }

    [Test]
    public async Task A_list_edit_on_an_owner_SQL_deleted_is_dropped_as_a_conflict_and_the_rest_applies()
    {
        await using var world = await World.StartAsync(ConflictPolicy.RealmWins);
        const string ann = """["objectId","0123456789abcdef01234567"]""";
        world.Write(Ann, 2, $$$"""{"type":"INSERT","object_type":"Person","identity":{{{ann}}},"values":{"_id":{{{ann}}},"name":"Ann","isAdmin":false}}""");
        Assert.That((await world.RunAsync(Ann)).Applied, Is.EqualTo(1));
        await world.PassAsync();
        Assert.That(await world.OutboundAsync(world.AnnId), Is.Empty, "Ann's own INSERT is not sent back");
        await world.SqlAsync($"DELETE FROM public.\"Person\" WHERE _realm_id = {world.AnnId};");
        world.Write(Ann, 3,
            $$"""{"type":"LIST_INSERT","object_type":"Person","identity":{{ann}},"property":"dogs","list_index":0,"object_identity":"rex"}""",
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","breed":"pug"}}""");

        var run = await world.RunAsync(Ann);

        Assert.That((run.Status, run.Applied, run.DeadLettered, run.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 0, 1)), run.Reason);
        Assert.That(await world.ConflictsAsync(), Is.EqualTo(new[] { $"{world.AnnId} {ann} realm-wins 0" }),
            "recorded under Ann's RealmId, at the LIST_INSERT");
        Assert.That(await SeedScenarioTests.DogsAsync(world.ConnectionString), Is.EqualTo(new[] { $"{Ann} max pug", $"{Ann} rex lab", $"{Bob} rex pug" }));
        Assert.That(await PostgresServer.ScalarAsync(world.ConnectionString, """SELECT count(*) FROM public."Person__dogs";"""), Is.EqualTo(0L), "the edit had no owner to apply to");
        Assert.That(await world.OutboundAsync(world.AnnId), Is.EqualTo(new[] { "DELETE Person [\"objectId\",\"0123456789abcdef01234567\"]" }));
        Assert.That(await world.OutboundAsync(world.BobId), Is.Empty);
    }

    [Test]
    public async Task Two_Realms_SETting_rows_one_SQL_statement_deleted_are_both_conflicts_though_the_first_probe_captures_both_deletes()
    {
        await using var world = await World.StartAsync(ConflictPolicy.SqlWins);
        await world.SqlAsync("DELETE FROM public.\"Dog\" WHERE name = 'rex';");
        world.Write(Ann, 2, """{"type":"SET","object_type":"Dog","identity":"rex","values":{"breed":"beagle"}}""");
        world.Write(Bob, 2, """{"type":"SET","object_type":"Dog","identity":"rex","values":{"breed":"boxer"}}""");

        var ann = await world.RunAsync(Ann);
        var bob = await world.RunAsync(Bob);

        // Ann's probe captured the whole mapping, Bob's delete included (into Bob's outbox): Bob's retry finds it there.
        Assert.That((ann.Status, ann.Applied, ann.DeadLettered, ann.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 0, 1)), ann.Reason);
        Assert.That((bob.Status, bob.Applied, bob.DeadLettered, bob.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 0, 1)), bob.Reason);
        Assert.That(await world.ConflictsAsync(), Is.EqualTo(new[] { $"{world.AnnId} \"rex\" sql-wins 0", $"{world.BobId} \"rex\" sql-wins 0" }));
        Assert.That(await SeedScenarioTests.DogsAsync(world.ConnectionString), Is.Empty);
        Assert.That(await world.OutboundAsync(world.AnnId), Is.EqualTo(new[] { "DELETE Dog \"rex\"" }));
        Assert.That(await world.OutboundAsync(world.BobId), Is.EqualTo(new[] { "DELETE Dog \"rex\"" }), "sent once");
    }

    [Test]
    public async Task A_SET_on_a_row_whose_delete_a_pass_already_sent_is_a_conflict_not_bad_input()
    {
        await using var world = await World.StartAsync(ConflictPolicy.RealmWins);
        await world.SqlAsync($"DELETE FROM public.\"Dog\" WHERE name = 'rex' AND _realm_id = {world.AnnId};");
        await world.PassAsync();
        Assert.That(await world.OutboundAsync(world.AnnId), Is.EqualTo(new[] { "DELETE Dog \"rex\"" }), "the pass took the delete before Ann's transaction arrived");
        world.Write(Ann, 2,
            """{"type":"SET","object_type":"Dog","identity":"rex","values":{"breed":"beagle"}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","breed":"pug"}}""");

        var run = await world.RunAsync(Ann);

        Assert.That((run.Status, run.Applied, run.DeadLettered, run.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 0, 1)), run.Reason);
        Assert.That(await world.ConflictsAsync(), Is.EqualTo(new[] { $"{world.AnnId} \"rex\" realm-wins 0" }));
        Assert.That(await SeedScenarioTests.DogsAsync(world.ConnectionString), Is.EqualTo(new[] { $"{Ann} max pug", $"{Bob} rex pug" }));
        Assert.That(await world.OutboundAsync(world.AnnId), Is.Empty, "the delete is not sent again");
    }

    [Test]
    public async Task A_SET_on_an_object_that_never_existed_is_still_dead_lettered_and_the_probe_it_ran_rolls_back()
    {
        await using var world = await World.StartAsync(ConflictPolicy.SqlWins);
        await world.SqlAsync($"UPDATE public.\"Dog\" SET breed = 'boxer' WHERE _realm_id = {world.BobId};");
        world.Write(Ann, 2,
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","breed":"pug"}}""",
            """{"type":"SET","object_type":"Dog","identity":"ghost","values":{"breed":"beagle"}}""");

        var run = await world.RunAsync(Ann);

        Assert.That((run.Status, run.Applied, run.DeadLettered, run.Conflicts), Is.EqualTo((InboundRunStatus.Stopped, 0, 1, 0)), run.Reason);
        Assert.That(run.Reason, Does.Contain("$.instructions[1]: SET on an object of class 'Dog' that does not exist"));
        Assert.That(await world.DeadLettersAsync(), Is.EqualTo(1L));
        Assert.That(await world.ConflictsAsync(), Is.Empty);
        Assert.That(await SeedScenarioTests.DogsAsync(world.ConnectionString), Is.EqualTo(new[] { $"{Ann} rex lab", $"{Bob} rex boxer" }), "nothing of it applied");
        Assert.That(await world.OutboundAsync(world.BobId), Is.Empty, "what the probe queued for Bob went back with the transaction");

        await world.PassAsync();
        Assert.That(await world.OutboundAsync(world.BobId), Is.EqualTo(new[] { "SET Dog \"rex\" breed" }), "the next pass sends Bob SQL's update, once");
        Assert.That(await world.OutboundAsync(world.AnnId), Is.Empty);
    }

    /// <summary>The deployed mapping, Ann's and Bob's rex applied and sent (their initial loads consumed), and an applier with the probe.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly JournalDirectory _journal = new();
        private readonly Dictionary<int, long> _consumed = [];
        private PgConnectionFactory _connections = null!;
        private InboundApplier _inbound = null!;

        public string ConnectionString { get; private set; } = "";

        public int AnnId { get; private set; }

        public int BobId { get; private set; }

        public int MappingId { get; private set; }

        public static async Task<World> StartAsync(ConflictPolicy policy)
        {
            var world = new World();
            var (connectionString, _) = await SeedScenarioTests.DeployAsync(world._journal);
            world.ConnectionString = connectionString;
            world._connections = new PgConnectionFactory(connectionString);
            var applier = new PgTransactionApplier(world._connections) { Capture = new PgCapturePass(connectionString, new PollOptions()), Policy = policy };
            world._inbound = new InboundApplier(applier, world._journal.Paths, new ApplierOptions(), NullLogger<InboundApplier>.Instance);
            world.Write(Ann, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"lab"}}""");
            world.Write(Bob, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"pug"}}""");
            Assert.That((await world.RunAsync(Ann)).Applied, Is.EqualTo(1));
            Assert.That((await world.RunAsync(Bob)).Applied, Is.EqualTo(1));
            world.AnnId = await world.RealmIdAsync(Ann);
            world.BobId = await world.RealmIdAsync(Bob);
            world.MappingId = (int)(await PostgresServer.ScalarAsync(connectionString, $"""SELECT "PartitionOf" FROM realmsync."MappedRealm" WHERE "RealmId" = {world.AnnId};"""))!;
            await world.PassAsync(); // makes the slot and sends the initial loads
            Assert.That((await world.OutboundAsync(world.AnnId)).Where(i => !i.StartsWith("CLEAR", StringComparison.Ordinal)), Is.EqualTo(new[] { "INSERT Dog \"rex\"" }));
            Assert.That((await world.OutboundAsync(world.BobId)).Where(i => !i.StartsWith("CLEAR", StringComparison.Ordinal)), Is.EqualTo(new[] { "INSERT Dog \"rex\"" }));
            return world;
        }

        public void Write(string path, long version, params string[] instructions) => SeedScenarioTests.Write(_journal, path, version, instructions);

        public Task<InboundRunResult> RunAsync(string path) => _inbound.RunOnceAsync(path, CancellationToken.None);

        public Task SqlAsync(string sql) => PostgresServer.ExecuteAsync(ConnectionString, sql);

        public async Task PassAsync()
        {
            await using var connection = await PostgresServer.OpenAsync(ConnectionString, CancellationToken.None);
            var mapping = await PgCatalogStore.LoadMappingAsync(connection, MappingId, CancellationToken.None) ?? throw new InvalidOperationException("no mapping");
            await new PgCapturePass(ConnectionString, new PollOptions()).RunAsync(connection, MappingId, mapping, new HashSet<string>(), CancellationToken.None);
        }

        /// <summary>The instructions put in the Realm's outbox since the last call, as "KIND Class identity [properties]".</summary>
        public async Task<List<string>> OutboundAsync(int realmId)
        {
            await using var connection = await PostgresServer.OpenAsync(ConnectionString, CancellationToken.None);
            await using var command = new NpgsqlCommand("""SELECT "Version", "Transaction" FROM realmsync."Outbox" WHERE "RealmId" = $1 AND "Version" > $2 ORDER BY "Version";""", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = realmId });
            command.Parameters.Add(new NpgsqlParameter { Value = _consumed.GetValueOrDefault(realmId) });
            await using var reader = await command.ExecuteReaderAsync();
            var instructions = new List<string>();
            while (await reader.ReadAsync())
            {
                _consumed[realmId] = reader.GetInt64(0);
                instructions.AddRange(AdapterCodec.Decode(reader.GetString(1)).Instructions.Where(i => i is not SchemaInstruction).Select(Describe));
            }

            return instructions;
        }

        public async Task<List<string>> ConflictsAsync()
        {
            await using var connection = await PostgresServer.OpenAsync(ConnectionString, CancellationToken.None);
            await using var command = new NpgsqlCommand(
                """SELECT "RealmId" || ' ' || "ObjectIdentity" || ' ' || "Policy" || ' ' || "InstructionIndex" FROM realmsync."Conflict" ORDER BY "ConflictId";""", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var conflicts = new List<string>();
            while (await reader.ReadAsync())
            {
                conflicts.Add(reader.GetString(0));
            }

            return conflicts;
        }

        public async Task<long> DeadLettersAsync() =>
            (long)(await PostgresServer.ScalarAsync(ConnectionString, $"""SELECT count(*) FROM realmsync."DeadLetter" WHERE "RealmId" = {AnnId};"""))!;

        public async ValueTask DisposeAsync()
        {
            await PgCaptureRunDrop();
            await _connections.DisposeAsync();
            _journal.Dispose();
        }

        private Task PgCaptureRunDrop() => MappingId == 0 ? Task.CompletedTask : Capture.PgCaptureRun.DropSlotAsync(ConnectionString, MappingId);

        private async Task<int> RealmIdAsync(string path) =>
            (int)(await PostgresServer.ScalarAsync(ConnectionString, $"""SELECT "RealmId" FROM realmsync."MappedRealm" WHERE "RealmPath" = '{path}';"""))!;

        private static string Describe(Instruction instruction) => instruction switch
        {
            InsertInstruction i => $"INSERT {i.ObjectType} {Key(i.Identity)}",
            SetInstruction s => $"SET {s.ObjectType} {Key(s.Identity)} {string.Join(",", s.Values.Entries.Select(e => e.Key))}",
            DeleteInstruction d => $"DELETE {d.ObjectType} {Key(d.Identity)}",
            ClearInstruction c => $"CLEAR {c.ObjectType}",
            _ => instruction.GetType().Name,
        };

        private static string Key(RealmValue identity) => identity switch
        {
            StringValue text => $"\"{text.Value}\"",
            ObjectIdValue id => $"[\"objectId\",\"{id.Hex}\"]",
            _ => identity.ToString()!,
        };
    }
}
