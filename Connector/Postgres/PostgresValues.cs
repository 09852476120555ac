using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;
using Connector.Sql;

namespace Connector.Postgres;

/// <summary>
/// Where PostgreSQL holds Realm values differently from SQL Server (DESIGN.md section 11): real and double precision
/// hold NaN and the infinities, numeric holds every decimal128 (sent as its text), timestamp holds microseconds
/// (finer is truncated), and text holds no U+0000 and no lone surrogate (PostgreSQL stores UTF-8; mixed values are
/// held to the same so that their json stays castable to jsonb), which
/// is bad input for its transaction by name. Length limits of keys and dictionary keys stay SQL Server's, so that
/// the same input is refused on both databases.
/// </summary>
public static class PostgresValues
{
    /// <summary>The value for a PostgreSQL column, or null where SQL Server's conversion applies as it is.</summary>
    public static object? Convert(RealmValue value, RealmPropertyType type, SqlColumnType column, string jsonPath, (string Class, string Property)? owner)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (type == RealmPropertyType.Mixed)
        {
            CheckText(value, jsonPath, owner);
            return AdapterValueWriter.ToJson(value);
        }

        return value switch
        {
            FloatValue f => f.Value,
            DoubleValue d => d.Value,
            Decimal128Value d => NumericText(d.Text),
            StringValue s => SqlValueConverter.Text(Checked(s.Value, jsonPath, owner), column, jsonPath),
            TimestampValue t => Microseconds(SqlValueConverter.Date(t, jsonPath)),
            _ => null,
        };
    }

    /// <summary>A decimal128's text as PostgreSQL's numeric input reads it ('Inf' is 'Infinity' there).</summary>
    public static string NumericText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unsigned = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        return unsigned.ToUpperInvariant() switch
        {
            "NAN" => "NaN",
            "INF" or "INFINITY" => negative ? "-Infinity" : "Infinity",
            _ => text,
        };
    }

    /// <summary>timestamp holds microseconds: the 100-nanosecond tick is truncated, as finer digits already were.</summary>
    public static DateTime Microseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Unspecified);

    private static string Checked(string text, string jsonPath, (string Class, string Property)? owner)
    {
        var problem = Problem(text);
        if (problem is null)
        {
            return text;
        }

        var subject = owner is var (className, property) ? $"class '{className}', property '{property}': " : string.Empty;
        throw new AdapterFormatException($"{subject}a string {problem} cannot be stored in PostgreSQL (its text holds UTF-8 without NUL)", jsonPath);
    }

    private static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "holding the character U+0000";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"holding a lone surrogate (U+{(int)c:X4})");
            }
        }

        return null;
    }

    /// <summary>Every string inside a mixed value (nested collections and dictionary keys too) must be storable.</summary>
    private static void CheckText(RealmValue value, string jsonPath, (string Class, string Property)? owner)
    {
        switch (value)
        {
            case StringValue s:
                Checked(s.Value, jsonPath, owner);
                break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    CheckText(item, jsonPath, owner);
                }

                break;
            case DictionaryValue dictionary:
                foreach (var (key, item) in dictionary.Entries)
                {
                    Checked(key, jsonPath, owner);
                    CheckText(item, jsonPath, owner);
                }

                break;
            case LinkValue link:
                CheckText(link.Identity, jsonPath, owner);
                break;
        }
    }
}
