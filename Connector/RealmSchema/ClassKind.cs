namespace Connector.RealmSchema;

public enum ClassKind
{
    TopLevel,
    Embedded,
    Asymmetric,
}
