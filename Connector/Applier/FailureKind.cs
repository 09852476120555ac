namespace Connector.Applier;

/// <summary>How the applier treats a failure to apply a transaction.</summary>
public enum FailureKind
{
    /// <summary>The transaction cannot be applied: dead-letter it, then stop or skip.</summary>
    BadInput,

    /// <summary>The server or the network: roll back and run the whole transaction again.</summary>
    Transient,

    /// <summary>Anything else: stop the Realm path and tell the operator.</summary>
    Fatal,
}
