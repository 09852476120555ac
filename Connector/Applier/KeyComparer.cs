namespace Connector.Applier;

/// <summary>
/// Compares SQL key values (long, string, Guid, byte[]) as SQL Server compares the generated key columns: strings
/// by their characters (binary collation) but without trailing spaces, which SQL Server ignores.
/// </summary>
public sealed class KeyComparer : IEqualityComparer<object>
{
    private readonly bool _trimSpaces;

    private KeyComparer(bool trimSpaces) => _trimSpaces = trimSpaces;

    /// <summary>SQL Server's comparison of the key columns.</summary>
    public static KeyComparer Instance { get; } = new(trimSpaces: true);

    /// <summary>PostgreSQL's comparison of the key columns (text COLLATE "C"): every character counts, trailing spaces too.</summary>
    public static KeyComparer Exact { get; } = new(trimSpaces: false);

    public static KeyComparer For(Configuration.DatabaseProvider provider) =>
        provider == Configuration.DatabaseProvider.Postgres ? Exact : Instance;

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (string a, string b) => string.Equals(Trim(a), Trim(b), StringComparison.Ordinal),
        _ => object.Equals(x, y),
    };

    public int GetHashCode(object obj) => obj switch
    {
        byte[] bytes => bytes.Length == 0 ? 0 : HashCode.Combine(bytes.Length, bytes[0], bytes[^1]),
        string text => StringComparer.Ordinal.GetHashCode(Trim(text)),
        _ => obj.GetHashCode(),
    };

    private string Trim(string text) => _trimSpaces ? text.TrimEnd(' ') : text;
}
