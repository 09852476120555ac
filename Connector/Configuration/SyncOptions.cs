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
}
