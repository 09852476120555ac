using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.RealmSchema;
using Connector.Scheduling;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Integration;

/// <summary>
/// The SQL to Realm direction on top of <see cref="ApplierHarness"/> (the small corpus schema at Realm path /small,
/// deployed from the real deploy.sql): plain SQL writes (no context), the poll and ship passes as the host runs
/// them, and the outbound journal read back through <see cref="AdapterCodec"/>.
/// </summary>
public sealed class PollerHarness : IAsyncDisposable
{
    private PollerHarness(ApplierHarness applier) => Applier = applier;

    public ApplierHarness Applier { get; }

    public TestDatabase Database => Applier.Database;

    public SqlConnectionFactory Connections => new(Database.ConnectionString);

    public static async Task<PollerHarness> StartAsync(CancellationToken cancellationToken) => new(await ApplierHarness.StartAsync(cancellationToken));

    /// <summary>The same world with another schema deployed at /small; <paramref name="source"/> names it in deploy.sql.</summary>
    public static async Task<PollerHarness> StartAsync(RealmSchemaModel schema, string source, CancellationToken cancellationToken) =>
        new(await ApplierHarness.StartAsync(schema, source, cancellationToken));

    /// <summary>A statement run as any SQL user would: its own connection, no Change Tracking context.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask<PassResult> PollAsync(CancellationToken cancellationToken) =>
        new ChangeTrackingPollPass(Served(), Connections, new ChangeTrackingPoller(new PollOptions())).RunAsync(cancellationToken);

    /// <summary><c>resend --realm-path /small [--class C]...</c>, as the command runs it.</summary>
    public Task<ResendResult> ResendAsync(CancellationToken cancellationToken, params string[] classes) =>
        new SqlServerResender(Connections, new PollOptions()).ResendAsync(ApplierHarness.RealmPath, classes, cancellationToken);

    public ValueTask<PassResult> ShipAsync(CancellationToken cancellationToken) =>
        new OutboxShipPass(Served(), Connections, Applier.Journal).RunAsync(cancellationToken);

    /// <summary>Ships through a store the test chooses (a fresh one, or one that fails), on its own connection.</summary>
    public async Task<int> ShipAsync(Func<OutboxStore, IOutboxShippingStore> store, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        var realmId = await RealmIdAsync(cancellationToken);
        return await new OutboxShipper(store(new OutboxStore(connection))).ShipAsync(Applier.Journal, realmId, ApplierHarness.RealmPath, cancellationToken);
    }

    /// <summary>Every line of the outbound journal of a Realm path (/small unless named), in segment and line order (duplicates kept).</summary>
    public IReadOnlyList<AdapterTransaction> Outbound(string realmPath = ApplierHarness.RealmPath)
    {
        var directory = Applier.Journal.OutboundDirectory(realmPath);
        return !Directory.Exists(directory)
            ? []
            : [.. Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(f => AdapterCodec.ReadJsonl(new MemoryStream(File.ReadAllBytes(f)), requireFinalNewline: true).ToList())];
    }

    public async Task<int> RealmIdAsync(CancellationToken cancellationToken) =>
        (int)(await Database.ScalarAsync("SELECT r.[RealmId] FROM [realmsync].[MappedRealm] AS r", cancellationToken))!;

    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken) =>
        (long)(await Database.ScalarAsync("SELECT CHANGE_TRACKING_CURRENT_VERSION()", cancellationToken))!;

    /// <summary>The lowest watermark: where the next pass's <c>source.change_tracking_from</c> starts.</summary>
    public async Task<long> LowestWatermarkAsync(CancellationToken cancellationToken) =>
        (long)(await Database.ScalarAsync("SELECT MIN(w.[Version]) FROM [realmsync].[TableWatermark] AS w", cancellationToken))!;

    public async Task<int> UnshippedAsync(CancellationToken cancellationToken) =>
        (int)(await Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[Outbox] AS o WHERE o.[ShippedAt] IS NULL", cancellationToken))!;

    public ValueTask DisposeAsync() => Applier.DisposeAsync();

    private ServedRealms Served() => new(Connections, Options.Create(new RealmOptions()));
}
