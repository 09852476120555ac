namespace Connector.InitialLoad;

/// <summary>How <see cref="InitialLoadWriter"/> packs the instructions: the Realm path and the transaction size.</summary>
public sealed record InitialLoadOptions(string RealmPath = InitialLoadOptions.DefaultRealmPath, int TransactionSize = InitialLoadOptions.DefaultTransactionSize)
{
    public const string DefaultRealmPath = "/default";
    public const int DefaultTransactionSize = 1000;
}
