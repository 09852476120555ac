using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.Sql;
using Connector.Tests.Journal;
using Connector.Tests.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// One Realm path on PostgreSQL as the connector runs it: a schema deployed from the real deploy.sql (bootstrap's
/// output), a journal folder the test appends transactions to, and the inbound runner over
/// <see cref="PgTransactionApplier"/>. The applier connects under an application name of its own, so that a test can
/// kill exactly its sessions (<see cref="KillApplierSessionsAsync"/>), as an operator or a failover would.
/// </summary>
internal sealed class PgInboundHarness : IAsyncDisposable
{
    private readonly JournalDirectory _journal = new();
    private readonly List<AdapterTransaction> _journaled = [];
    private readonly string _segment;
    private readonly string _applicationName = "applier-" + Guid.NewGuid().ToString("N")[..12];

    private PgInboundHarness(string connectionString, string realmPath)
    {
        ConnectionString = connectionString;
        RealmPath = realmPath;
        _segment = Path.Combine(_journal.Inbound(realmPath), "00000000000000000001.jsonl");
        File.WriteAllText(_segment, "");
    }

    /// <summary>The small corpus schema the SQL Server integration tests use (Person keyed by objectId, Dog by name).</summary>
    public static RealmSchemaModel Small { get; } = Connector.Tests.SchemaGeneration.SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json");

    public string ConnectionString { get; }

    public string RealmPath { get; }

    /// <summary>The transactions appended so far (not raw lines), for the model.</summary>
    public IReadOnlyList<AdapterTransaction> Journaled => _journaled;

    /// <summary>Deploys <paramref name="schema"/> for <paramref name="realmPath"/> into <paramref name="sqlSchema"/> of the database.</summary>
    public static async Task<PgInboundHarness> StartAsync(
        string connectionString, RealmSchemaModel schema, string realmPath, string sqlSchema = "app", string source = "test schema")
    {
        var (_, script) = PgBootstrap.Generate(schema, realmPath, sqlSchema, source);
        await using (var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
        await using (var deploy = new NpgsqlCommand(script, connection))
        {
            await deploy.ExecuteNonQueryAsync();
        }

        return new PgInboundHarness(connectionString, realmPath);
    }

    /// <summary>A connection pool of the applier's (one per simulated process: a restart makes a new one).</summary>
    public PgConnectionFactory ApplierConnections() =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = _applicationName }.ConnectionString);

    /// <summary>The inbound runner, retrying transient failures quickly (5 attempts).</summary>
    public InboundApplier Runner(PgConnectionFactory connections, ApplierOptions? options = null, Func<PgTransactionApplier.ApplyStep, AdapterTransaction, Task>? checkpoint = null) => new(
        new PgTransactionApplier(connections) { Checkpoint = checkpoint },
        _journal.Paths,
        options ?? new ApplierOptions(),
        NullLogger<InboundApplier>.Instance,
        new RetryPolicy(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)));

    /// <summary>One run of the runner in a process of its own: a fresh pool, closed afterwards.</summary>
    public async Task<InboundRunResult> RunOnceAsync(ApplierOptions? options = null, Func<PgTransactionApplier.ApplyStep, AdapterTransaction, Task>? checkpoint = null)
    {
        await using var connections = ApplierConnections();
        return await Runner(connections, options, checkpoint).RunOnceAsync(RealmPath, CancellationToken.None);
    }

    public void Append(AdapterTransaction transaction)
    {
        _journaled.Add(transaction with { RealmPath = RealmPath });
        JournalDirectory.Append(_segment, AdapterCodec.Encode(_journaled[^1]) + "\n");
    }

    /// <summary>Appends one transaction line of <paramref name="instructions"/> (JSON) to the journal.</summary>
    public void Append(long version, params string[] instructions) => Append(Transaction(version, instructions));

    /// <summary>Version 1 as a Realm's first transaction has it: the ADD_TYPE of every class of <paramref name="schema"/>.</summary>
    public AdapterTransaction SchemaTransaction(RealmSchemaModel schema) => new(RealmPath, 1, [.. schema.Classes.Select(AddTypeInstruction.Of)]);

    public void AppendRaw(string line) => JournalDirectory.Append(_segment, line + "\n");

    public AdapterTransaction Transaction(long version, params string[] instructions) => AdapterCodec.Decode(string.Create(CultureInfo.InvariantCulture,
        $$"""{"realm_path": {{System.Text.Json.JsonSerializer.Serialize(RealmPath)}}, "version": {{version}}, "instructions": [{{string.Join(", ", instructions)}}]}"""));

    /// <summary>Terminates every session of the applier's (pg_terminate_backend), waiting until each is gone.</summary>
    public async Task<int> KillApplierSessionsAsync()
    {
        var killed = await ScalarAsync(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(a.pid, 10000)) FROM pg_stat_activity AS a WHERE a.application_name = @name AND a.pid <> pg_backend_pid()",
            ("name", _applicationName));
        return (int)(long)killed!;
    }

    public async Task<long> CursorAsync() =>
        (long)(await ScalarAsync(
            """SELECT c."Version" FROM realmsync."InboundCursor" AS c JOIN realmsync."MappedRealm" AS r ON r."RealmId" = c."RealmId" WHERE r."RealmPath" = @path""",
            ("path", RealmPath)))!;

    /// <summary>This Realm path's dead letters in order: version, instruction index, error.</summary>
    public Task<List<object?[]>> DeadLettersAsync() => QueryAsync(
        """
        SELECT d."Version", d."InstructionIndex", d."Error" FROM realmsync."DeadLetter" AS d
        JOIN realmsync."MappedRealm" AS r ON r."RealmId" = d."RealmId" WHERE r."RealmPath" = @path ORDER BY d."DeadLetterId"
        """,
        ("path", RealmPath));

    public async Task<SortedSet<string>> StateAsync()
    {
        await using var connection = await PostgresServer.OpenAsync(ConnectionString, CancellationToken.None);
        return await StateTexts.FromDatabaseAsync(connection, RealmPath);
    }

    /// <summary>The model's state after the transactions of <paramref name="transactions"/> up to <paramref name="version"/>.</summary>
    public static SortedSet<string> ModelState(IEnumerable<AdapterTransaction> transactions, long version = long.MaxValue)
    {
        var model = new RealmModel(ModelOptions.Postgres);
        foreach (var transaction in transactions.Where(t => t.Version <= version))
        {
            model.Apply(transaction);
        }

        return StateTexts.FromModel(model);
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters) => (await QueryAsync(sql, parameters)).Single()[0];

    public async Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await PostgresServer.OpenAsync(ConnectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync()
    {
        _journal.Dispose();
        return ValueTask.CompletedTask;
    }
}
