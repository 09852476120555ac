using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Class and property names as a user may write them: plain, and hostile to SQL (brackets, quotes, comments,
/// semicolons, spaces, unicode, reserved words, the connector's own column names, 63+ byte and 128+ character names).
/// </summary>
internal static class RealmNames
{
    private static readonly string[] Hostile =
    [
        "select", "Order", "GO", "table", "[a]b", "x]]y", "]", "'q'", "O'Brien", "\"dq\"", "a--b", "--", "a;b", ";DROP TABLE t",
        "has space", "trailing ", " leading", "tab\there", "ünïcödé", "日本語", "émoji😀", "Ωmega", "_realm_object_id", "_owner",
        "_position", "_value", "_key", "_target", "A__b", "x$upsert", "rows$set", "realmsync", "dbo",
        new string('é', 32), // 64 UTF-8 bytes in 32 characters
        new string('n', 64), new string('L', 130), string.Concat(Enumerable.Repeat("名前", 70)),
    ];

    private static readonly Gen<string> Plain =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"], Gen.Char["abcxyzDOG_09"].Array[0, 8],
            (first, rest) => first + new string(rest));

    /// <summary>One name: mostly plain, often hostile, sometimes a hostile name with a plain suffix.</summary>
    public static readonly Gen<string> Name = Gen.Frequency(
        (3, Plain),
        (3, Gen.OneOf(Hostile)),
        (1, Gen.Select(Gen.OneOf(Hostile), Plain, (h, p) => h + p)));

    /// <summary>
    /// <paramref name="min"/> to <paramref name="max"/> names, distinct as Realm requires (ordinally), with case-only
    /// collisions added on purpose (SQL Server's default collation cannot tell them apart).
    /// </summary>
    public static Gen<string[]> Distinct(int min, int max) =>
        Gen.Select(Name.Array[min, max], Gen.Bool, (names, collide) =>
        {
            var list = names.Distinct(StringComparer.Ordinal).ToList();
            var upper = list[0].ToUpperInvariant();
            if (collide && !list.Contains(upper, StringComparer.Ordinal))
            {
                list.Add(upper);
            }

            return list.ToArray();
        });
}
