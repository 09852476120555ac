namespace Connector.Tests.Model;

/// <summary>
/// The values a database cannot hold (ADAPTER-PROTOCOL.md section 3): a transaction giving one is refused whole, at
/// the first instruction that gives it. Lengths count UTF-16 code units, as SQL Server's <c>nvarchar(n)</c> does.
/// Values inside mixed are stored as tagged JSON text, so only <see cref="NoNulCharacter"/> reaches into them.
/// </summary>
/// <param name="FiniteNumbers">float and double properties (and their collections) refuse NaN and the infinities.</param>
/// <param name="DecimalFits38x18">decimal128 must be finite with at most 20 digits before the point and 18 after (<c>decimal(38,18)</c>).</param>
/// <param name="DatesYears1To9999">dates must lie in years 1 to 9999 (<c>datetime2</c>; the PostgreSQL applier's check).</param>
/// <param name="NoNulCharacter">no string anywhere (values, keys, identities, inside mixed) may hold U+0000 (PostgreSQL text and jsonb).</param>
/// <param name="KeyLength">the most characters of a string primary key, an indexed string and a link to a string-keyed class.</param>
/// <param name="DictionaryKeyLength">the most characters of a dictionary property's key.</param>
/// <param name="ObjectIdentityLength">the most characters of the opaque identity of an object of a class without primary key.</param>
public sealed record ValueLimits(
    bool FiniteNumbers = false,
    bool DecimalFits38x18 = false,
    bool DatesYears1To9999 = false,
    bool NoNulCharacter = false,
    int? KeyLength = null,
    int? DictionaryKeyLength = null,
    int? ObjectIdentityLength = null,
    bool TrailingSpacesIgnored = false)
{
    /// <summary>Realm: every value is held.</summary>
    public static ValueLimits None { get; } = new();

    /// <summary><c>Connector/Applier/SqlValueConverter.cs</c> and <c>SqlTypeMapper.cs</c>: nvarchar(450), nvarchar(400), nvarchar(64).</summary>
    public static ValueLimits SqlServer { get; } = new(
        FiniteNumbers: true, DecimalFits38x18: true, DatesYears1To9999: true, KeyLength: 450, DictionaryKeyLength: 400, ObjectIdentityLength: 64,
        TrailingSpacesIgnored: true);

    /// <summary>PostgreSQL holds NaN, infinities and every decimal128 (double precision, numeric), but no NUL in text or jsonb.</summary>
    public static ValueLimits Postgres { get; } = new(
        DatesYears1To9999: true, NoNulCharacter: true, KeyLength: 450, DictionaryKeyLength: 400, ObjectIdentityLength: 64);
}
