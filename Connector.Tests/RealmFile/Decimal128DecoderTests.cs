using Connector.Adapter;
using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

public sealed class Decimal128DecoderTests
{
    [TestCase(15UL, 6175, "1.5")]
    [TestCase(150UL, 6174, "1.50")]
    [TestCase(0UL, 6176, "0")]
    [TestCase(7UL, 6179, "7000")]
    [TestCase(1UL, 6176 + 100, "1E+100")]
    [TestCase(1UL, 6176 - 60, "1E-60")]
    [TestCase(123UL, 6176 - 5, "0.00123")]
    public void Bid128_small_coefficients(ulong low, int biasedExponent, string expected)
    {
        var high = (ulong)biasedExponent << 49;

        Assert.That(Decimal128Decoder.FromBid128(low, high), Is.EqualTo(new Decimal128Value(expected)));
    }

    [Test]
    public void Bid128_keeps_all_34_digits_beyond_dotnet_decimal()
    {
        // 10^34 - 1 = 0x1ED09BEAD87C0378D8E63FFFFFFFF: every digit survives.
        var high = (6176UL << 49) | 0x1ED09BEAD87C0UL;
        var low = 0x378D8E63FFFFFFFFUL;

        Assert.That(Decimal128Decoder.FromBid128(low, high), Is.EqualTo(new Decimal128Value(new string('9', 34))));
    }

    [Test]
    public void Bid128_negative_sign()
    {
        var high = (1UL << 63) | (6175UL << 49);

        Assert.That(Decimal128Decoder.FromBid128(25, high), Is.EqualTo(new Decimal128Value("-2.5")));
    }

    [Test]
    public void Realm_null_pattern_is_null()
    {
        Assert.That(Decimal128Decoder.FromBid128(0xaa, 0x7c00000000000000), Is.EqualTo(RealmValue.Null));
        Assert.That(Decimal128Decoder.FromBid64(0x7c000000000000aa), Is.EqualTo(RealmValue.Null));
        Assert.That(Decimal128Decoder.FromBid32(0x7c0000aa), Is.EqualTo(RealmValue.Null));
    }

    [Test]
    public void NaN_and_infinities_are_named()
    {
        Assert.That(Decimal128Decoder.FromBid128(0, 0x7c00000000000000), Is.EqualTo(new Decimal128Value("NaN")));
        Assert.That(Decimal128Decoder.FromBid128(0, 0x7800000000000000), Is.EqualTo(new Decimal128Value("Infinity")));
        Assert.That(Decimal128Decoder.FromBid64(0xf800000000000000), Is.EqualTo(new Decimal128Value("-Infinity")));
    }

    [Test]
    public void Bid64_decodes_coefficient_and_exponent()
    {
        Assert.That(Decimal128Decoder.FromBid64((397UL << 53) | 12345), Is.EqualTo(new Decimal128Value("1234.5")));
    }

    [Test]
    public void Bid64_large_coefficient_form()
    {
        // Combination bits 11: coefficient 2^53 + 1 = 9007199254740993, exponent 0.
        var bits = (3UL << 61) | (398UL << 51) | 1;

        Assert.That(Decimal128Decoder.FromBid64(bits), Is.EqualTo(new Decimal128Value("9007199254740993")));
    }

    [Test]
    public void Bid32_decodes_coefficient_and_exponent()
    {
        Assert.That(Decimal128Decoder.FromBid32((99U << 23) | 314), Is.EqualTo(new Decimal128Value("3.14")));
    }

    [Test]
    public void Non_canonical_bid32_coefficient_is_zero()
    {
        // Large form with a coefficient above 9,999,999.
        var bits = (3U << 29) | (101U << 21) | 0x1FFFFF;

        Assert.That(Decimal128Decoder.FromBid32(bits), Is.EqualTo(new Decimal128Value("0")));
    }
}
