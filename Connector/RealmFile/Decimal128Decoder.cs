using System.Globalization;
using System.Numerics;
using System.Text;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Decodes IEEE 754-2008 binary-integer decimals (BID32, BID64, BID128) exactly into decimal strings; values
/// beyond .NET <see cref="decimal"/> keep every digit. NaN and infinities come out as "NaN", "Infinity" and
/// "-Infinity". Realm's null is a NaN with payload 0xaa and is returned as null.
/// </summary>
public static class Decimal128Decoder
{
    private const int Bias128 = 6176;
    private const int Bias64 = 398;
    private const int Bias32 = 101;
    private const ulong Null128High = 0x7c00000000000000;
    private const ulong Null128Low = 0xaa;
    private const ulong Null64 = 0x7c000000000000aa;
    private const uint Null32 = 0x7c0000aa;

    /// <summary>Digits beyond which plain notation gives way to scientific notation.</summary>
    private const int PlainNotationLimit = 40;

    private static readonly BigInteger Max128 = BigInteger.Pow(10, 34) - 1;

    public static RealmValue FromBid128(ulong low, ulong high)
    {
        if (high == Null128High && low == Null128Low)
        {
            return RealmValue.Null;
        }

        var negative = (high >> 63) != 0;
        if (((high >> 61) & 3) == 3)
        {
            // Special values, or a coefficient above 10^34 - 1, which is non-canonical and means zero.
            return Special((high >> 58) & 0x1F, negative) ?? Format(negative, BigInteger.Zero, (int)((high >> 47) & 0x3FFF) - Bias128);
        }

        var exponent = (int)((high >> 49) & 0x3FFF) - Bias128;
        var coefficient = (new BigInteger(high & 0x1FFFFFFFFFFFF) << 64) | low;
        return Format(negative, coefficient > Max128 ? BigInteger.Zero : coefficient, exponent);
    }

    public static RealmValue FromBid64(ulong bits)
    {
        if (bits == Null64)
        {
            return RealmValue.Null;
        }

        var negative = (bits >> 63) != 0;
        if (((bits >> 61) & 3) == 3)
        {
            var large = (1UL << 53) | (bits & 0x7FFFFFFFFFFFF);
            return Special((bits >> 58) & 0x1F, negative)
                ?? Format(negative, large > 9_999_999_999_999_999UL ? 0 : large, (int)((bits >> 51) & 0x3FF) - Bias64);
        }

        return Format(negative, bits & 0x1FFFFFFFFFFFFF, (int)((bits >> 53) & 0x3FF) - Bias64);
    }

    public static RealmValue FromBid32(uint bits)
    {
        if (bits == Null32)
        {
            return RealmValue.Null;
        }

        var negative = (bits >> 31) != 0;
        if (((bits >> 29) & 3) == 3)
        {
            var large = (1U << 23) | (bits & 0x1FFFFF);
            return Special((bits >> 26) & 0x1F, negative)
                ?? Format(negative, large > 9_999_999U ? 0 : large, (int)((bits >> 21) & 0xFF) - Bias32);
        }

        return Format(negative, bits & 0x7FFFFF, (int)((bits >> 23) & 0xFF) - Bias32);
    }

    private static Decimal128Value? Special(ulong fiveBits, bool negative) => fiveBits switch
    {
        0x1F => new Decimal128Value("NaN"),
        0x1E => new Decimal128Value(negative ? "-Infinity" : "Infinity"),
        _ => null,
    };

    private static Decimal128Value Format(bool negative, BigInteger coefficient, int exponent)
    {
        var digits = coefficient.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(negative ? "-" : string.Empty);
        var pointPosition = digits.Length + exponent;
        if (exponent >= 0 && pointPosition <= PlainNotationLimit)
        {
            text.Append(digits).Append('0', coefficient.IsZero ? 0 : exponent);
        }
        else if (exponent < 0 && pointPosition > 0)
        {
            text.Append(digits.AsSpan(0, pointPosition)).Append('.').Append(digits.AsSpan(pointPosition));
        }
        else if (exponent < 0 && pointPosition > -PlainNotationLimit)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits.AsSpan(1));
            }

            text.Append('E').Append(pointPosition - 1 >= 0 ? "+" : string.Empty)
                .Append((pointPosition - 1).ToString(CultureInfo.InvariantCulture));
        }

        return new Decimal128Value(text.ToString());
    }
}
