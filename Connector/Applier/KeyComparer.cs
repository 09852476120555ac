namespace Connector.Applier;

/// <summary>
/// Compares SQL key values (long, string, Guid, byte[]) as SQL Server compares the generated key columns: strings
/// by their characters (binary collation) but without trailing spaces, which SQL Server ignores.
/// </summary>
public sealed class KeyComparer : IEqualityComparer<object>
{
    public static KeyComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (string a, string b) => string.Equals(a.TrimEnd(' '), b.TrimEnd(' '), StringComparison.Ordinal),
        _ => object.Equals(x, y),
    };

    public int GetHashCode(object obj) => obj switch
    {
        byte[] bytes => bytes.Length == 0 ? 0 : HashCode.Combine(bytes.Length, bytes[0], bytes[^1]),
        string text => StringComparer.Ordinal.GetHashCode(text.TrimEnd(' ')),
        _ => obj.GetHashCode(),
    };
}
