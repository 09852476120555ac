using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;
using Connector.Postgres;
using Connector.RealmSchema;
using Npgsql;
using NpgsqlTypes;

namespace Connector.Benchmarks;

/// <summary>
/// The PostgreSQL applier end to end: 10,000 transactions of 10 instructions each (100,000 objects of a class of a
/// primary key and six scalar columns) through <see cref="PgTransactionApplier"/>, one database transaction and one
/// commit per Realm transaction, as <c>run</c> applies them; beside a plain binary COPY of the same 100,000 rows into a
/// table of the same shape in one transaction (the baseline: the fastest way PostgreSQL takes rows). A second applier
/// case sets three properties of existing objects (10 SETs a transaction). Each iteration starts from an empty table
/// (SETs: from the 100,000 rows, copied in) and applies new versions, so every transaction is applied, not skipped.
/// Setup warms both paths with one object; no warm-up iterations (an applier invocation takes about a minute).
/// The server: see <see cref="BenchmarkPostgres"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class PostgresApplyBenchmarks : IDisposable
{
    private const int Transactions = 10_000;
    private const int InstructionsPerTransaction = 10;
    private const int Instructions = Transactions * InstructionsPerTransaction;
    private const string ClassName = "Item";
    private const string AppliedSchema = "applied";
    private const string CopiedSchema = "copied";
    private const string AppliedRealm = "/bench-applied";

    private const string SchemaJson = """
        [{ "name": "Item", "primaryKey": "id", "properties": {
            "id": "int", "name": "string", "quantity": "int", "price": "double", "active": "bool", "createdAt": "date", "note": "string?" } }]
        """;

    private static readonly string Columns = "\"id\", \"name\", \"quantity\", \"price\", \"active\", \"createdAt\", \"note\"";

    private BenchmarkPostgres _server = null!;
    private PgConnectionFactory _connections = null!;
    private PgTransactionApplier _applier = null!;
    private MappedRealm _realm = null!;
    private ItemRow[] _rows = [];
    private AdapterTransaction[] _transactions = [];
    private long _nextVersion = 1;

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchmarkPostgres.Start();
        Console.WriteLine($"// PostgreSQL: {_server.Description}, database {_server.Database}");
        var schema = RealmSchemaImporter.Import(SchemaJson, "PostgresApplyBenchmarks");
        foreach (var (path, sqlSchema) in new[] { (AppliedRealm, AppliedSchema), ("/bench-copied", CopiedSchema) })
        {
            var (_, script) = PgBootstrap.Generate(schema, path, sqlSchema, "PostgresApplyBenchmarks");
            Execute(script);
        }

        _connections = new PgConnectionFactory(_server.ConnectionString, TimeSpan.FromMinutes(5));
        _applier = new PgTransactionApplier(_connections);
        _realm = _applier.FindAsync(AppliedRealm, CancellationToken.None).GetAwaiter().GetResult().Realm
            ?? throw new InvalidOperationException($"{AppliedRealm} was not deployed");
        _rows = [.. Enumerable.Range(1, Instructions).Select(ItemRow.For)];
        WarmUp();
    }

    /// <summary>Closes the pool, then drops the database (a throwaway cluster: stops and deletes it).</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _connections?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.Stop();
        GC.SuppressFinalize(this);
    }

    [IterationSetup(Target = nameof(ApplyInserts))]
    public void EmptyTableAndNewInserts()
    {
        Execute($"TRUNCATE \"{AppliedSchema}\".\"{ClassName}\"");
        _transactions = Batch(_rows, Insert);
    }

    [IterationSetup(Target = nameof(ApplySets))]
    public void CopiedRowsAndNewSets()
    {
        Execute($"TRUNCATE \"{AppliedSchema}\".\"{ClassName}\"");
        Copy(AppliedSchema);
        Execute($"ANALYZE \"{AppliedSchema}\".\"{ClassName}\"");
        _transactions = Batch(_rows, Set);
    }

    [IterationSetup(Target = nameof(BinaryCopy))]
    public void EmptyCopyTable() => Execute($"TRUNCATE \"{CopiedSchema}\".\"{ClassName}\"");

    [Benchmark(Baseline = true, OperationsPerInvoke = Instructions)]
    public ulong BinaryCopy() => Copy(CopiedSchema);

    [Benchmark(OperationsPerInvoke = Instructions)]
    public Task<int> ApplyInserts() => ApplyAllAsync();

    [Benchmark(OperationsPerInvoke = Instructions)]
    public Task<int> ApplySets() => ApplyAllAsync();

    private async Task<int> ApplyAllAsync()
    {
        var applied = 0;
        foreach (var transaction in _transactions)
        {
            var outcome = await _applier.ApplyAsync(_realm, transaction, CancellationToken.None);
            if (outcome.Status != ApplyStatus.Applied || !outcome.Refused.IsDefaultOrEmpty)
            {
                // A skipped or partly refused transaction would make the figure meaningless.
                throw new InvalidOperationException($"version {transaction.Version}: {outcome.Status}, {outcome.Refused.Length} refused");
            }

            applied += transaction.Instructions.Length;
        }

        return applied;
    }

    // COPY is one statement, so one transaction already; the explicit one states it.
    private ulong Copy(string sqlSchema)
    {
        using var connection = new NpgsqlConnection(_server.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        ulong written;
        using (var import = connection.BeginBinaryImport($"COPY \"{sqlSchema}\".\"{ClassName}\" ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in _rows)
            {
                import.StartRow();
                import.Write(row.Id, NpgsqlDbType.Bigint);
                import.Write(row.Name, NpgsqlDbType.Text);
                import.Write(row.Quantity, NpgsqlDbType.Bigint);
                import.Write(row.Price, NpgsqlDbType.Double);
                import.Write(row.Active, NpgsqlDbType.Boolean);
                import.Write(row.CreatedAt, NpgsqlDbType.Timestamp);
                import.Write(row.Note, NpgsqlDbType.Text);
            }

            written = import.Complete();
        }

        transaction.Commit();
        return written;
    }

    // An invocation takes about a minute: rather than warm-up iterations, one object through each path (JIT,
    // the connection pool, PostgreSQL's caches); each iteration's setup empties the tables again.
    private void WarmUp()
    {
        var row = ItemRow.For(0);
        _transactions = [.. Batch([row], Insert), .. Batch([row], Set)];
        ApplyAllAsync().GetAwaiter().GetResult();
        Copy(CopiedSchema);
    }

    private static InsertInstruction Insert(ItemRow row) => new(ClassName, new IntValue(row.Id), row.AllValues());

    private static SetInstruction Set(ItemRow row) => new(ClassName, new IntValue(row.Id), row.ChangedValues());

    private AdapterTransaction[] Batch(ItemRow[] rows, Func<ItemRow, Instruction> instruction) =>
    [
        .. rows.Chunk(InstructionsPerTransaction).Select(chunk =>
            new AdapterTransaction(AppliedRealm, _nextVersion++, [.. chunk.Select(instruction)])),
    ];

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>One object: what the INSERT carries and what COPY writes (dates whole microseconds, as timestamp keeps them).</summary>
    private sealed record ItemRow(long Id, string Name, long Quantity, double Price, bool Active, DateTime CreatedAt, string? Note)
    {
        private const long EpochSeconds = 1_700_000_000;

        public static ItemRow For(int id) => new(
            id,
            "Item " + id,
            id % 1_000,
            (id % 10_000) / 100.0,
            id % 2 == 0,
            DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(EpochSeconds + id).AddTicks(id % 1_000 * 10), DateTimeKind.Unspecified),
            id % 3 == 0 ? null : "note " + id);

        public PropertyValues AllValues() => Values(
            ("id", new IntValue(Id)),
            ("name", new StringValue(Name)),
            ("quantity", new IntValue(Quantity)),
            ("price", new DoubleValue(Price)),
            ("active", new BoolValue(Active)),
            ("createdAt", new TimestampValue(EpochSeconds + Id, (int)(Id % 1_000) * 1_000)),
            ("note", Note is null ? new NullValue() : new StringValue(Note)));

        public PropertyValues ChangedValues() => Values(
            ("quantity", new IntValue(Quantity + 1)),
            ("price", new DoubleValue(Price * 2)),
            ("note", new StringValue("changed " + Id)));

        private static PropertyValues Values(params (string Name, RealmValue Value)[] entries) =>
            new([.. entries.Select(e => KeyValuePair.Create(e.Name, e.Value))]);
    }
}
