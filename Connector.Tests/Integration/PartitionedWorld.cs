using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.Journal;
using Connector.Scheduling;
using Connector.Sql;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Journal;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;
using Connector.Tests.SchemaGeneration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Integration;

/// <summary>One test's database with the partitioned small schema deployed, and a journal of its own.</summary>
internal sealed class PartitionedWorld : IAsyncDisposable
{
    /// <summary>The seed's pattern (its JavaScript slashes and escapes dropped): one private Realm per user id.</summary>
    public const string Pattern = "^/([0-9a-f]+)/private$";
    public const string UserA = "/0a/private";
    public const string UserB = "/0b/private";

    private readonly JournalDirectory _journal = new();

    private PartitionedWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<PartitionedWorld> StartAsync(string pattern, CancellationToken cancellationToken)
    {
        var database = await TestDatabase.CreateAsync(SqlServerFixture.Require(), cancellationToken);
        var artifacts = SchemaArtifactGenerator.Generate(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "ignored", "app", "small.json", pattern);
        await database.RunScriptAsync(artifacts.DeployScript, cancellationToken);
        return new PartitionedWorld(database);
    }

    /// <param name="connectionString">The login the applier runs as; the database owner's when null.</param>
    public InboundApplier Applier(string? connectionString = null) => new(
        new SqlConnectionFactory(connectionString ?? Database.ConnectionString), _journal.Paths, new ApplierOptions(), NullLogger<InboundApplier>.Instance,
        new RetryPolicy(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)));

    /// <summary>Appends one transaction to the path's journal; returns its segment.</summary>
    public string Append(string realmPath, long version, params string[] instructions)
    {
        var segment = Path.Combine(_journal.Inbound(realmPath), "00000000000000000001.jsonl");
        JournalDirectory.Append(segment, string.Create(CultureInfo.InvariantCulture,
            $$"""{"realm_path": "{{realmPath}}", "version": {{version}}, "instructions": [{{string.Join(", ", instructions)}}]}""") + "\n");
        return segment;
    }

    public async Task<SortedSet<string>> StateAsync(string realmPath, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        return await SqlServerStateTexts.FromDatabaseAsync(connection, realmPath, cancellationToken);
    }

    /// <summary>The state of a fresh Realm of the small schema after <paramref name="instructions"/>, by the model.</summary>
    public static Task<SortedSet<string>> ExpectedAsync(CancellationToken cancellationToken, params string[] instructions)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = new RealmModel(ModelOptions.SqlServer);
        var data = Connector.Adapter.AdapterCodec.Decode(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"realm_path": "/model", "version": 1, "instructions": [{{string.Join(", ", instructions)}}]}"""));
        var schema = SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json").Classes.Select(Connector.Adapter.AddTypeInstruction.Of);
        model.Apply(data with { Instructions = [.. schema, .. data.Instructions] });
        return Task.FromResult(StateTexts.FromModel(model, Canon.Tick));
    }

    public SqlConnectionFactory Connections => new(Database.ConnectionString);

    /// <summary>The poll pass as the host runs it: every partitioned mapping once, its changes to each row's Realm.</summary>
    public ValueTask<PassResult> PollAsync(CancellationToken cancellationToken) =>
        new ChangeTrackingPollPass(Served(), Connections, new ChangeTrackingPoller(new PollOptions())).RunAsync(cancellationToken);

    public ValueTask<PassResult> ShipAsync(CancellationToken cancellationToken) =>
        new OutboxShipPass(Served(), Connections, _journal.Paths).RunAsync(cancellationToken);

    /// <summary><c>resend --realm-path P [--class C]...</c>, as the command runs it.</summary>
    public Task<ResendResult> ResendAsync(string realmPath, CancellationToken cancellationToken, params string[] classes) =>
        new SqlServerResender(Connections, new PollOptions()).ResendAsync(realmPath, classes, cancellationToken);

    /// <summary>A statement run as any SQL user would: its own connection, no Change Tracking context.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var command = new Microsoft.Data.SqlClient.SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RealmIdAsync(string realmPath, CancellationToken cancellationToken) =>
        (int)(await Database.ScalarAsync($"SELECT r.[RealmId] FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'{realmPath.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken))!;

    /// <summary>Every transaction of a Realm path's outbound journal, in segment and line order.</summary>
    public IReadOnlyList<AdapterTransaction> Outbound(string realmPath)
    {
        var directory = _journal.Paths.OutboundDirectory(realmPath);
        return !Directory.Exists(directory)
            ? []
            : [.. Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(f => AdapterCodec.ReadJsonl(new MemoryStream(File.ReadAllBytes(f)), requireFinalNewline: true).ToList())];
    }

    private ServedRealms Served() => new(Connections, Options.Create(new RealmOptions()));

    public async ValueTask DisposeAsync()
    {
        _journal.Dispose();
        await Database.DisposeAsync();
    }
}
