using Connector.Adapter;
using Connector.Applier;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.Sql;

namespace Connector.Tests.ChangeTracking;

/// <summary>
/// SQL Server's float never holds NaN, so the poller meets one only in a mixed column: the tagged JSON text the
/// applier stored there decodes back to the same value.
/// </summary>
public class MixedNonFiniteRoundTripTests
{
    private static readonly SqlColumnType MixedColumn = SqlColumnType.Parse("nvarchar(max)");

    private static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData(new DoubleValue(double.NaN)).SetName("mixed double NaN");
        yield return new TestCaseData(new DoubleValue(double.PositiveInfinity)).SetName("mixed double Infinity");
        yield return new TestCaseData(new FloatValue(float.NegativeInfinity)).SetName("mixed float -Infinity");
        yield return new TestCaseData(new FloatValue(float.NaN)).SetName("mixed float NaN");
        yield return new TestCaseData(new Decimal128Value("-Infinity")).SetName("mixed decimal128 -Infinity");
    }

    [TestCaseSource(nameof(Values))]
    public void A_non_finite_mixed_comes_back_from_its_column_as_it_went_in(RealmValue value)
    {
        var stored = (string)SqlValueConverter.Convert(value, RealmPropertyType.Mixed, MixedColumn, "$")!;

        Assert.That(SqlValueDecoder.Decode(stored, RealmPropertyType.Mixed), Is.EqualTo(value));
    }

    [Test]
    public void Minus_zero_in_a_mixed_keeps_its_sign()
    {
        var stored = (string)SqlValueConverter.Convert(new DoubleValue(-0.0), RealmPropertyType.Mixed, MixedColumn, "$")!;

        Assert.That(stored, Is.EqualTo("-0.0"));
        Assert.That(double.IsNegative(((DoubleValue)SqlValueDecoder.Decode(stored, RealmPropertyType.Mixed)).Value), Is.True);
    }
}
