namespace Connector.Adapter;

/// <summary>
/// A Realm date: seconds since the Unix epoch (UTC) and nanoseconds, as Realm stores it. For negative
/// times Realm keeps both parts with the same sign (-1.5 s is seconds -1, nanoseconds -500,000,000).
/// </summary>
public sealed record TimestampValue(long Seconds, int Nanoseconds) : RealmValue;
