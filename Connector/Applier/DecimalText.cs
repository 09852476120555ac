using System.Globalization;
using System.Text;

namespace Connector.Applier;

/// <summary>
/// A decimal string (<c>-12.50</c>, <c>1.5E+3</c>, <c>7e-2</c>) in plain digits: sign, integer digits without
/// leading zeros, fraction digits without trailing zeros. Exact: no binary floating point on the way.
/// </summary>
public static class DecimalText
{
    public static bool TryNormalize(string text, out bool negative, out string integer, out string fraction)
    {
        ArgumentNullException.ThrowIfNull(text);
        negative = false;
        integer = fraction = string.Empty;
        var s = text.Trim();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var exponent = 0;
        var e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 10_000)
            {
                return false;
            }

            s = s[..e];
        }

        var point = s.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? s : s.Remove(point, 1);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var pointAt = (point < 0 ? s.Length : point) + exponent;
        var all = new StringBuilder();
        if (pointAt < 0)
        {
            all.Append('0', -pointAt);
            pointAt = 0;
        }

        all.Append(digits);
        if (pointAt > all.Length)
        {
            all.Append('0', pointAt - all.Length);
        }

        var whole = all.ToString();
        integer = whole[..pointAt].TrimStart('0');
        fraction = whole[pointAt..].TrimEnd('0');
        negative &= integer.Length + fraction.Length > 0;
        return true;
    }
}
