using System.Globalization;

namespace Connector.Journal;

/// <summary>A segment's file name: its first version in 20 digits, then <c>.jsonl</c>
/// (<c>00000000000000000042.jsonl</c>). Twenty digits sort by file name exactly as by number.</summary>
public static class SegmentName
{
    public const string Extension = ".jsonl";
    private const int Digits = 20;

    public static string Format(long firstVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstVersion, 1);
        return firstVersion.ToString("D20", CultureInfo.InvariantCulture) + Extension;
    }

    /// <summary>The first version a file name stands for, or why the name is not a segment's.</summary>
    public static bool TryParse(string fileName, out long firstVersion, out string problem)
    {
        firstVersion = 0;
        problem = $"the name is not a first version in {Digits} digits followed by '{Extension}'";
        if (fileName.Length != Digits + Extension.Length
            || !fileName.EndsWith(Extension, StringComparison.Ordinal)
            || fileName.AsSpan(0, Digits).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        if (!long.TryParse(fileName.AsSpan(0, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out firstVersion)
            || firstVersion < 1)
        {
            problem = $"the version in the name is not between 1 and {long.MaxValue}";
            return false;
        }
        return true;
    }
}
