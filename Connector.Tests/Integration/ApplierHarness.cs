using System.Globalization;
using Connector.Applier;
using Connector.Journal;
using Connector.RealmSchema;
using Connector.Sql;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Journal;
using Connector.Tests.SchemaGeneration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.Integration;

/// <summary>
/// One integration test's world: its own database with the small corpus schema deployed from the real
/// deploy.sql (bootstrap's output), and a journal for Realm path /small that the test appends transactions to.
/// </summary>
public sealed class ApplierHarness : IAsyncDisposable
{
    public const string RealmPath = "/small";

    private readonly JournalDirectory _journal = new();
    private readonly string _segment;

    private ApplierHarness(TestDatabase database)
    {
        Database = database;
        _segment = Path.Combine(_journal.Inbound(RealmPath), "00000000000000000001.jsonl");
        File.WriteAllText(_segment, "");
    }

    public TestDatabase Database { get; }

    public JournalPaths Journal => _journal.Paths;

    public static Task<ApplierHarness> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "small.json", cancellationToken);

    /// <summary>The same world with another schema deployed; <paramref name="source"/> names it in deploy.sql.</summary>
    public static async Task<ApplierHarness> StartAsync(RealmSchemaModel schema, string source, CancellationToken cancellationToken)
    {
        var server = SqlServerFixture.Require();
        var database = await TestDatabase.CreateAsync(server, cancellationToken);
        var artifacts = SchemaArtifactGenerator.Generate(schema, RealmPath, "app", source);
        await database.RunScriptAsync(artifacts.DeployScript, cancellationToken);
        return new ApplierHarness(database);
    }

    public InboundApplier Applier(ApplierOptions? options = null) => new(
        new SqlConnectionFactory(Database.ConnectionString),
        Journal,
        options ?? new ApplierOptions(),
        NullLogger<InboundApplier>.Instance,
        new RetryPolicy(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)));

    /// <summary>Appends one transaction line to the journal.</summary>
    public void Append(long version, params string[] instructions) => JournalDirectory.Append(_segment, string.Create(CultureInfo.InvariantCulture,
        $$"""{"realm_path": "/small", "version": {{version}}, "instructions": [{{string.Join(", ", instructions)}}]}""") + "\n");

    public void AppendRaw(string line) => JournalDirectory.Append(_segment, line + "\n");

    public async Task<long> CursorAsync(CancellationToken cancellationToken) =>
        (long)(await Database.ScalarAsync("SELECT c.[Version] FROM [realmsync].[InboundCursor] AS c", cancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _journal.Dispose();
    }
}
