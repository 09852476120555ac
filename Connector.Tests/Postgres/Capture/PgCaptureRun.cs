using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.Postgres;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;

namespace Connector.Tests.Postgres.Capture;

/// <summary>
/// One capture pass of a Realm path on the test cluster, and what it put in the outbox, decoded; and the Realm side as
/// a model that applies what Realm sent and what the outbox says, each under a version of its own.
/// </summary>
internal sealed class PgCaptureRun(string connectionString, string realmPath)
{
    private long _realmVersion;
    private long _consumed;

    /// <summary>Small pages, so that paging is exercised by every test.</summary>
    public PollOptions Options { get; init; } = new() { PageSize = 3, InstructionsPerTransaction = 5 };

    /// <summary>What Realm holds: what it sent itself, and what the outbox sent it.</summary>
    public RealmModel Realm { get; } = new(ModelOptions.Postgres with { MixedLinks = MixedLinks.KeepUnresolved });

    public Func<Task>? BeforeConfirm { get; init; }

    public async Task<(PollResult Result, IReadOnlyList<AdapterTransaction> Outbound)> PassAsync(IReadOnlySet<string>? resend = null)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        var realm = await PgCatalogStore.FindRealmAsync(connection, realmPath, CancellationToken.None) ?? throw new InvalidOperationException(realmPath + " is not mapped");
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, CancellationToken.None) ?? throw new InvalidOperationException("no deployment");
        var pass = new PgCapturePass(connectionString, Options) { BeforeConfirm = BeforeConfirm };
        var result = await pass.RunAsync(connection, realm.RealmId, mapping, resend ?? new HashSet<string>(), CancellationToken.None);
        var outbound = new List<AdapterTransaction>();
        await using var command = new Npgsql.NpgsqlCommand(
            """SELECT "Transaction" FROM realmsync."Outbox" WHERE "RealmId" = $1 AND "Version" >= $2 ORDER BY "Version";""", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = realm.RealmId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _consumed + 1 }); // a crashed pass's rows too
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            outbound.Add(AdapterCodec.Decode(reader.GetString(0)));
        }

        _consumed += outbound.Count;
        return (result, outbound);
    }

    /// <summary>Applies <paramref name="transaction"/> to <see cref="Realm"/>; the outcome (a refusal is a divergence when it came from the outbox).</summary>
    public ModelOutcome ApplyToRealm(AdapterTransaction transaction) =>
        Realm.Apply(transaction with { RealmPath = "realm", Version = ++_realmVersion });

    /// <summary>A pass, its transactions applied to <see cref="Realm"/>; null when the Realm side then equals the database, else what differs.</summary>
    public async Task<string?> SyncAsync(IReadOnlySet<string>? resend = null)
    {
        var (_, outbound) = await PassAsync(resend);
        foreach (var transaction in outbound)
        {
            if (ApplyToRealm(transaction) is { Status: ModelStatus.Refused } refused)
            {
                return $"the model refuses outbound version {transaction.Version}: {refused}\n{AdapterCodec.Encode(transaction)}";
            }
        }

        return await DifferenceAsync();
    }

    /// <summary>
    /// Whether <paramref name="transaction"/> moves an embedded object off its owner (a SET of a link, list or dictionary
    /// of an embedded class, or a LIST_* on a list of one) and deletes objects: made in SQL, net changes lose the move and
    /// Realm's cascade takes the object SQL unlinked (README, Known limitations), so the two-way tests leave such
    /// transactions to Realm. Seeds that met it: 1MSaYzrRNPl1 (a SET of the link), fFt9V0F2F4c3 (a LIST_CLEAR).
    /// </summary>
    public static bool RelinksEmbeddedAndDeletes(IReadOnlyCollection<Connector.RealmSchema.RealmClass> classes, AdapterTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(transaction);
        var embedded = classes.Where(c => c.Kind == Connector.RealmSchema.ClassKind.Embedded).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        bool Embeds(string type, string property) =>
            classes.FirstOrDefault(c => c.Name == type)?.Find(property) is { IsLink: true } p && embedded.Contains(p.ObjectType!);
        var relinks = transaction.Instructions.Any(i => i switch
        {
            SetInstruction set => set.Values.Entries.Any(v => Embeds(set.ObjectType, v.Key)),
            ListInstruction list => Embeds(list.ObjectType, list.Property),
            _ => false,
        });
        return relinks && transaction.Instructions.Any(i => i is DeleteInstruction or ClearInstruction);
    }

    /// <summary>Drops the capture slot of the RealmId <paramref name="realmId"/>: slots are the server's, and it has few.</summary>
    public static async Task DropSlotAsync(string connectionString, int realmId)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var drop = new Npgsql.NpgsqlCommand(
            $"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = {PgCapture.SlotNameSql("$1::text")};", connection);
        drop.Parameters.Add(new Npgsql.NpgsqlParameter { Value = realmId });
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<string?> DifferenceAsync()
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        var database = await StateTexts.FromDatabaseAsync(connection, realmPath);
        var realm = StateTexts.FromModel(Realm);
        if (database.SetEquals(realm))
        {
            return null;
        }

        return string.Concat(realm.Except(database).Take(5).Select(l => "realm only:    " + l + "\n")) +
            string.Concat(database.Except(realm).Take(5).Select(l => "database only: " + l + "\n"));
    }
}
