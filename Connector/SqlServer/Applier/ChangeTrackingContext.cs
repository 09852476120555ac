using System.Text;

namespace Connector.SqlServer.Applier;

/// <summary>
/// The Change Tracking context every statement of the applier carries (<c>WITH CHANGE_TRACKING_CONTEXT</c>), so
/// that the poller can skip the connector's own writes (SYS_CHANGE_CONTEXT) and never echo them to Realm.
/// </summary>
public static class ChangeTrackingContext
{
    /// <summary>The bytes of "realm-sqlserver": recognisable when a DBA reads CHANGETABLE output.</summary>
    public static ReadOnlyMemory<byte> Value { get; } = Encoding.ASCII.GetBytes("realm-sqlserver");

    /// <summary>
    /// The context of a cascade (a link nulled, a list closed up, references moved) that touches rows with a SQL
    /// change the poller has not sent yet: Change Tracking keeps only a row's last context, so tagging such a cascade
    /// with <see cref="Value"/> would hide that SQL change from Realm. Any context but <see cref="Value"/> is sent
    /// by the poller: the rows go to Realm whole, the SQL change with them (and the cascade, which Realm already made).
    /// </summary>
    public static ReadOnlyMemory<byte> Resend { get; } = Encoding.ASCII.GetBytes("realm-sqlserver:resend");
}
