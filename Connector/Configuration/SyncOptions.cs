namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:Sync</c>: how the two directions meet.</summary>
public sealed class SyncOptions
{
    public const string SqlWins = "sql-wins";
    public const string RealmWins = "realm-wins";
    public const string Stop = "stop";
    public const string Skip = "skip";

    /// <summary>Who wins when a row changed on both sides: <c>sql-wins</c> or <c>realm-wins</c>.</summary>
    public string ConflictPolicy { get; set; } = SqlWins;

    /// <summary>After a bad inbound transaction is dead-lettered: <c>stop</c> the Realm path or <c>skip</c> it.</summary>
    public string OnBadTransaction { get; set; } = Stop;

    /// <summary>Instructions per outbound transaction the poller writes.</summary>
    public int TransactionSize { get; set; } = 1000;

    /// <summary>Retries of an inbound transaction after a transient SQL error (deadlock, timeout, broken connection).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
