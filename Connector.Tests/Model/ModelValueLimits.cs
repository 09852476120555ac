using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// <see cref="ValueLimits"/> on one instruction, checked where the SQL Server planner converts values
/// (<c>IdentityConverter</c>, <c>ObjectRowGroup</c>, <c>ListCalls</c>, <c>SqlValueConverter</c>): the instruction's
/// identities, every value it gives, every link and list element against the key of the class it names.
/// </summary>
internal static class ModelValueLimits
{
    public static void Check(ModelState state, Instruction instruction, ValueLimits limits)
    {
        if (limits == ValueLimits.None || instruction is SchemaInstruction or ClearInstruction || !state.Classes.TryGetValue(instruction.ObjectType, out var realmClass))
        {
            return; // An unknown class is refused by the instruction itself.
        }

        var identity = ((ObjectInstruction)instruction).Identity;
        Identity(realmClass, identity, limits, "identity");
        switch (instruction)
        {
            case InsertInstruction insert:
                Values(state, realmClass, insert.Values, limits);
                break;
            case SetInstruction set:
                Values(state, realmClass, set.Values, limits);
                break;
            case ChangeIdentityInstruction change:
                Identity(realmClass, change.NewIdentity, limits, "new_identity");
                break;
            case SwapIdentityInstruction swap:
                Identity(realmClass, swap.SwapIdentity, limits, "swap_identity");
                break;
            case ListInsertInstruction or ListSetInstruction when realmClass.Find(((ListInstruction)instruction).Property) is { ObjectType: { } target } &&
                                                                  state.Classes.TryGetValue(target, out var targetClass):
                Identity(targetClass, instruction is ListInsertInstruction i ? i.ObjectIdentity : ((ListSetInstruction)instruction).ObjectIdentity, limits, "object_identity");
                break;
        }
    }

    private static void Values(ModelState state, RealmClass realmClass, PropertyValues values, ValueLimits limits)
    {
        foreach (var (name, value) in values.Entries)
        {
            if (realmClass.Find(name) is not { Type: not RealmPropertyType.LinkingObjects } property || (property.IsLink && property.Collection == CollectionKind.List))
            {
                continue; // Bad input of another kind, refused by the instruction itself.
            }

            var coerced = ValueCoercion.Coerce(value, property, $"values.{name}");
            if (name == realmClass.PrimaryKey)
            {
                Identity(realmClass, coerced, limits, $"values.{name}");
                continue;
            }

            if (property.Collection == CollectionKind.Dictionary && coerced is DictionaryValue dictionary)
            {
                // SQL Server compares the _key column ignoring trailing spaces: "a" and "a " are a duplicate key there.
                if (limits.TrailingSpacesIgnored && dictionary.Entries.Select(e => e.Key.TrimEnd(' ')).Distinct(StringComparer.Ordinal).Count() < dictionary.Entries.Length)
                {
                    throw new ModelInputException($"values.{name}: two dictionary keys differ only by trailing spaces, one key in SQL Server");
                }

                foreach (var (key, element) in dictionary.Entries)
                {
                    Text(key, limits.DictionaryKeyLength, limits, $"values.{name}, dictionary key");
                    Element(state, property, element, limits, $"values.{name}[\"{key}\"]");
                }
            }
            else if (coerced is ListValue list && property.IsCollection)
            {
                list.Items.ToList().ForEach(item => Element(state, property, item, limits, $"values.{name}[]"));
            }
            else
            {
                Element(state, property, coerced, limits, $"values.{name}");
            }
        }
    }

    private static void Element(ModelState state, RealmProperty property, RealmValue value, ValueLimits limits, string where)
    {
        if (value is NullValue)
        {
            return;
        }

        if (property.IsLink)
        {
            Identity(state.Class(property.ObjectType!), value, limits, where);
            return;
        }

        var refused = value switch
        {
            _ when property.Type == RealmPropertyType.Mixed => limits.NoNulCharacter && HoldsNul(value) ? "a string holding U+0000 inside mixed" : null,
            FloatValue f when limits.FiniteNumbers && !float.IsFinite(f.Value) => RealmValueTags.NonFiniteText(f.Value),
            DoubleValue d when limits.FiniteNumbers && !double.IsFinite(d.Value) => RealmValueTags.NonFiniteText(d.Value),
            Decimal128Value d when limits.DecimalFits38x18 && !FitsDecimal38x18(d.Text) => $"decimal128 {d.Text} (beyond decimal(38,18))",
            TimestampValue t when limits.DatesYears1To9999 && !InYears1To9999(t) => $"the date {t.Seconds} s after 1970 (outside years 1 to 9999)",
            _ => null,
        };
        if (refused is not null)
        {
            throw new ModelInputException($"{where}: {refused} cannot be stored");
        }

        if (value is StringValue s)
        {
            Text(s.Value, property.Indexed ? limits.KeyLength : null, limits, where);
        }
    }

    /// <summary>An object's identity against its class's key column: the primary key's type, or the opaque identity.</summary>
    private static void Identity(RealmClass realmClass, RealmValue identity, ValueLimits limits, string where)
    {
        if (identity is StringValue s)
        {
            Text(s.Value, realmClass.PrimaryKey is null ? limits.ObjectIdentityLength : limits.KeyLength, limits, $"{where} ({realmClass.Name})");
        }
    }

    private static void Text(string text, int? maxLength, ValueLimits limits, string where)
    {
        if (text.Length > maxLength)
        {
            throw new ModelInputException($"{where}: a string of {text.Length} characters is longer than {maxLength}");
        }

        if (limits.NoNulCharacter && NotUtf8Text(text))
        {
            throw new ModelInputException($"{where}: a string holding U+0000 or a lone surrogate cannot be stored");
        }
    }

    private static bool HoldsNul(RealmValue value) => value switch
    {
        StringValue s => NotUtf8Text(s.Value),
        LinkValue link => HoldsNul(link.Identity),
        ListValue list => list.Items.Any(HoldsNul),
        DictionaryValue dictionary => dictionary.Entries.Any(e => NotUtf8Text(e.Key) || HoldsNul(e.Value)),
        _ => false,
    };

    /// <summary>What PostgreSQL's UTF-8 text cannot hold: U+0000, or a surrogate without its pair.</summary>
    private static bool NotUtf8Text(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0' || (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As <c>SqlValueConverter</c>: finite, at most 20 integer digits and 18 fraction digits once normalized.</summary>
    public static bool FitsDecimal38x18(string text) =>
        DecimalText.TryNormalize(text, out _, out var integer, out var fraction) && integer.Length <= 20 && fraction.Length <= 18;

    /// <summary>As <c>SqlValueConverter</c>: 100-nanosecond ticks from 0001-01-01 to 9999-12-31T23:59:59.9999999.</summary>
    public static bool InYears1To9999(TimestampValue value)
    {
        var ticks = (Int128)value.Seconds * TimeSpan.TicksPerSecond + value.Nanoseconds / 100 + DateTime.UnixEpoch.Ticks;
        return ticks >= 0 && ticks <= DateTime.MaxValue.Ticks;
    }
}
