using System.Collections.Immutable;
using System.Globalization;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary>
/// Interprets a structurally decoded value against the property it is for, giving the canonical form of the
/// property's type: an <see cref="IntValue"/> for int, a <see cref="FloatValue"/> for float (integers accepted),
/// the identity (string, integer, objectId or uuid) for a to-one link, a whole <see cref="ListValue"/> or
/// <see cref="DictionaryValue"/> with every element coerced for a collection, and for a mixed the value with its
/// nested collections read from their tags (<see cref="MixedCoercion"/>).
/// </summary>
public static class ValueCoercion
{
    /// <exception cref="AdapterFormatException">The value does not fit the property; the message names <paramref name="jsonPath"/>.</exception>
    public static RealmValue Coerce(RealmValue value, RealmProperty property, string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(property);
        if (property.Type == RealmPropertyType.LinkingObjects)
        {
            throw new AdapterFormatException($"'{property.Name}' is linkingObjects, which has no value of its own; remove it from values", jsonPath);
        }

        if (!property.IsCollection)
        {
            return CoerceElement(value, property, jsonPath, property.IsNullable);
        }

        if (property is { Collection: CollectionKind.List, Type: RealmPropertyType.Object })
        {
            throw new AdapterFormatException(
                $"'{property.Name}' is a list of links, which changes only through LIST_* instructions, never in values", jsonPath);
        }

        return (property.Collection, RealmValueTags.AsUntaggedList(value)) switch
        {
            (CollectionKind.Dictionary, DictionaryValue dictionary) => new DictionaryValue(dictionary.Entries.Select(
                entry => KeyValuePair.Create(entry.Key, CoerceAt(entry.Value, property, jsonPath, JsonReadContext.Member, entry.Key))).ToImmutableArray()),
            (CollectionKind.List or CollectionKind.Set, ListValue list) => new ListValue(list.Items.Select(
                (item, i) => CoerceAt(item, property, jsonPath, JsonReadContext.Element, (long)i)).ToImmutableArray()),
            _ => throw Mismatch(property.Collection == CollectionKind.Dictionary ? "a JSON object" : "a JSON array", value, jsonPath),
        };
    }

    /// <summary>
    /// An element of a collection; its path (<paramref name="jsonPath"/> + the element's segment) is built only
    /// when it is needed, for an error: on the applier's hot path a collection costs no string per element.
    /// </summary>
    private static RealmValue CoerceAt<TSegment>(RealmValue element, RealmProperty property, string jsonPath, Func<TSegment, string> segment, TSegment at)
    {
        try
        {
            return CoerceElement(element, property, string.Empty, property.Optional);
        }
        catch (AdapterFormatException e)
        {
            throw new AdapterFormatException(e.Problem, jsonPath + segment(at) + e.JsonPath, e.Version, e.LineNumber, e.InnerException);
        }
    }

    private static RealmValue CoerceElement(RealmValue value, RealmProperty property, string jsonPath, bool nullable)
    {
        if (value is NullValue)
        {
            return nullable || property.Type is RealmPropertyType.Mixed or RealmPropertyType.Object
                ? value
                : throw new AdapterFormatException(
                    $"'{property.Name}' is not optional, found null; give it a {RealmTypeNames.Name(property.Type)} value", jsonPath);
        }

        return property.Type switch
        {
            RealmPropertyType.Bool => value as BoolValue ?? throw Mismatch("true or false", value, jsonPath),
            RealmPropertyType.Int => value as IntValue ?? throw Mismatch("an integer", value, jsonPath),
            RealmPropertyType.Float => ToFloat(value, jsonPath),
            RealmPropertyType.Double => value switch
            {
                DoubleValue => value,
                FloatValue f => new DoubleValue(f.Value),
                IntValue i => new DoubleValue(i.Value),
                _ => throw NotANumber(value, RealmValueTags.Double, jsonPath),
            },
            RealmPropertyType.String => value as StringValue ?? throw Mismatch("a string", value, jsonPath),
            RealmPropertyType.Data => value as DataValue ?? throw Mismatch("[\"data64\", \"<base64>\"]", value, jsonPath),
            RealmPropertyType.Date => value as TimestampValue ?? throw Mismatch("[\"date\", <milliseconds>] or [\"timestamp\", <s>, <ns>]", value, jsonPath),
            RealmPropertyType.Decimal128 => value switch
            {
                Decimal128Value => value,
                IntValue i => new Decimal128Value(i.Value.ToString(CultureInfo.InvariantCulture)),
                _ => throw Mismatch("[\"decimal128\", \"<decimal string>\"]", value, jsonPath),
            },
            RealmPropertyType.ObjectId => value as ObjectIdValue ?? throw Mismatch("[\"objectId\", \"<24 hex digits>\"]", value, jsonPath),
            RealmPropertyType.Uuid => value as UuidValue ?? throw Mismatch("[\"uuid\", \"<8-4-4-4-12>\"]", value, jsonPath),
            RealmPropertyType.Object => value is StringValue or IntValue or ObjectIdValue or UuidValue
                ? value
                : throw Mismatch($"the identity of a '{property.ObjectType}' (a string or an integer) or null", value, jsonPath),
            RealmPropertyType.Mixed => MixedCoercion.Coerce(value, jsonPath),
            _ => value,
        };
    }

    private static FloatValue ToFloat(RealmValue value, string jsonPath)
    {
        double number = value switch
        {
            FloatValue f => f.Value,
            DoubleValue d => d.Value,
            IntValue i => i.Value,
            _ => throw NotANumber(value, RealmValueTags.Float, jsonPath),
        };

        // Rounding to the nearest float is what Realm does; a finite number beyond float's range is not a float.
        return double.IsFinite(number) && !float.IsFinite((float)number)
            ? throw new AdapterFormatException(
                $"{AdapterValueWriter.Describe(value)} is outside the range of a float (±{float.MaxValue.ToString(CultureInfo.InvariantCulture)})", jsonPath)
            : value as FloatValue ?? new FloatValue((float)number);
    }

    /// <summary>
    /// Not a number; an array that starts with "float" or "double" was meant as NaN or an infinity but is not spelled
    /// as the protocol spells them (case matters: <c>["double", "nan"]</c> is not NaN), so the error says how.
    /// </summary>
    private static AdapterFormatException NotANumber(RealmValue found, string tag, string jsonPath)
    {
        if (RealmValueTags.AsUntaggedList(found) is ListValue { Items: [StringValue { Value: RealmValueTags.Float or RealmValueTags.Double }, ..] })
        {
            return Mismatch(
                $"a number, or [\"{tag}\", \"NaN\"], [\"{tag}\", \"Infinity\"] or [\"{tag}\", \"-Infinity\"] spelled exactly so",
                found,
                jsonPath);
        }

        return Mismatch("a number", found, jsonPath);
    }

    private static AdapterFormatException Mismatch(string expected, RealmValue found, string jsonPath) =>
        new($"expected {expected}, found {AdapterValueWriter.Describe(found)}", jsonPath);
}
