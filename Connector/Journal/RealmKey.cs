using System.Text;

namespace Connector.Journal;

/// <summary>
/// The Realm path made safe as one path segment (ADAPTER-PROTOCOL.md section 4): every byte of its UTF-8
/// outside <c>[A-Za-z0-9._-]</c> becomes <c>%XX</c> with upper-case hex.
/// </summary>
/// <remarks>
/// The protocol says <c>.</c> and <c>..</c> cannot result. The rule chosen here: when the key would be
/// exactly <c>.</c> or <c>..</c>, its leading dot is encoded (<c>.</c> is <c>%2E</c>, <c>..</c> is
/// <c>%2E.</c>); every other run of dots (<c>...</c>, <c>a..b</c>) is an ordinary file name and stays.
/// Each Realm path has exactly one key: decoding accepts only keys that encoding gives back unchanged,
/// so <c>%2E%2E</c>, <c>%2e.</c> or <c>%41</c> are refused rather than read as another spelling.
/// </remarks>
public static class RealmKey
{
    /// <summary>The protocol's limit on a Realm path (section 1).</summary>
    public const int MaxRealmPathBytes = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string realmPath)
    {
        ArgumentNullException.ThrowIfNull(realmPath);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(realmPath);
        }
        catch (EncoderFallbackException e)
        {
            throw new JournalException($"The Realm path '{realmPath}' is not valid Unicode (it holds a lone surrogate); a Realm path is a UTF-8 string: fix the Realm side that produced it.", e);
        }
        if (bytes.Length == 0)
        {
            throw new JournalException("A Realm path is empty; every transaction names its Realm path (e.g. '/0123abcd/private'): fix the transaction or the configuration that named it.");
        }
        if (bytes.Length > MaxRealmPathBytes)
        {
            throw new JournalException($"The Realm path '{Shorten(realmPath)}' is {bytes.Length} UTF-8 bytes; the protocol allows at most {MaxRealmPathBytes}: use a shorter Realm path.");
        }
        var key = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsSafe(b))
            {
                key.Append((char)b);
            }
            else
            {
                key.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }
        var encoded = key.ToString();
        return encoded is "." or ".." ? "%2E" + encoded[1..] : encoded;
    }

    /// <summary>The Realm path a key stands for; throws <see cref="JournalException"/> for anything but a key
    /// <see cref="Encode"/> produces.</summary>
    public static string Decode(string key) =>
        TryDecode(key, out var realmPath, out var problem)
            ? realmPath
            : throw new JournalException($"'{Shorten(key)}' is not a realm key: {problem}. A realm key is the Realm path with every byte outside [A-Za-z0-9._-] written as %XX (upper-case hex): rename or remove it.");

    public static bool TryDecode(string key, out string realmPath, out string problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        realmPath = "";
        problem = "";
        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == '%')
            {
                if (i + 2 >= key.Length || HexValue(key[i + 1]) < 0 || HexValue(key[i + 2]) < 0)
                {
                    problem = $"the escape at character {i + 1} is not '%' followed by two hex digits";
                    return false;
                }
                bytes.Add((byte)((HexValue(key[i + 1]) << 4) | HexValue(key[i + 2])));
                i += 2;
            }
            else if (c < 0x80 && IsSafe((byte)c))
            {
                bytes.Add((byte)c);
            }
            else
            {
                problem = $"character {i + 1} ('{c}') must be percent-encoded";
                return false;
            }
        }
        try
        {
            realmPath = StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            problem = "its bytes are not valid UTF-8";
            return false;
        }
        if (bytes.Count is 0 or > MaxRealmPathBytes)
        {
            problem = $"it stands for {bytes.Count} bytes; a Realm path has 1 to {MaxRealmPathBytes}";
            return false;
        }
        var canonical = Encode(realmPath);
        if (!string.Equals(canonical, key, StringComparison.Ordinal))
        {
            problem = $"the Realm path it stands for is written '{canonical}'";
            return false;
        }
        return true;
    }

    private static bool IsSafe(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'.' or (byte)'_' or (byte)'-';

    private static char HexDigit(int value) => "0123456789ABCDEF"[value];

    // Upper case only: a lower-case escape is another spelling of the same key, refused by the round trip anyway.
    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    internal static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
