namespace Connector.ChangeTracking;

/// <summary>
/// A table re-sent whole in a pass, and why: its watermark fell below CHANGE_TRACKING_MIN_VALID_VERSION (the
/// host logs this as a warning), it was never read (the initial load), or it links to a class being re-sent
/// (Realm's CLEAR of that class dropped the links).
/// </summary>
public sealed record TableReload(string Schema, string Table, long? Watermark, long? MinValidVersion, string Reason);
