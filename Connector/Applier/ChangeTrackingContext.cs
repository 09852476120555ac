using System.Text;

namespace Connector.Applier;

/// <summary>
/// The Change Tracking context every statement of the applier carries (<c>WITH CHANGE_TRACKING_CONTEXT</c>), so
/// that the poller can skip the connector's own writes (SYS_CHANGE_CONTEXT) and never echo them to Realm.
/// </summary>
public static class ChangeTrackingContext
{
    /// <summary>The bytes of "realm-sqlserver": recognisable when a DBA reads CHANGETABLE output.</summary>
    public static ReadOnlyMemory<byte> Value { get; } = Encoding.ASCII.GetBytes("realm-sqlserver");
}
