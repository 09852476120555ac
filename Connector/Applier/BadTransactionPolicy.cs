namespace Connector.Applier;

/// <summary><c>Sync.OnBadTransaction</c>: what follows the dead letter of a transaction that cannot be applied.</summary>
public enum BadTransactionPolicy
{
    /// <summary><c>stop</c>: stop the Realm path until an operator fixes the input and restarts.</summary>
    Stop,

    /// <summary><c>skip</c>: move the cursor past it and go on.</summary>
    Skip,
}
