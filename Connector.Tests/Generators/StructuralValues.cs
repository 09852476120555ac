using Connector.Adapter;

namespace Connector.Tests.Generators;

/// <summary>
/// Compares what the codec decoded with what was encoded, exactly, as far as the codec's structural contract goes
/// (see <see cref="RealmValue"/>): -0.0 keeps its sign, NaN equals NaN, a finite float reads back as the double
/// of its shortest text (the schema-aware coercion narrows it), and a plain list whose elements spell a tag (a list
/// of strings <c>["uuid", "..."]</c>) reads back as that tagged value, whose untagged list must be the original,
/// and a collection nested in mixed reads back as the plain list <c>["list", [...]]</c> that <see cref="MixedCoercion"/> unwraps.
/// </summary>
internal static class StructuralValues
{
    /// <summary>The first difference between two transactions, or null when they are the same.</summary>
    public static string? Difference(AdapterTransaction expected, AdapterTransaction actual)
    {
        if (expected.RealmPath != actual.RealmPath || expected.Version != actual.Version || expected.Source != actual.Source)
        {
            return "realm_path, version or source differ";
        }

        if (expected.Instructions.Length != actual.Instructions.Length)
        {
            return $"{expected.Instructions.Length} instructions written, {actual.Instructions.Length} read";
        }

        for (var i = 0; i < expected.Instructions.Length; i++)
        {
            var (e, a) = (Parts(expected.Instructions[i]), Parts(actual.Instructions[i]));
            if (e.Length != a.Length)
            {
                return $"instruction {i}: {e.Length} fields written, {a.Length} read";
            }

            for (var part = 0; part < e.Length; part++)
            {
                if (!Same(e[part], a[part]))
                {
                    return $"instruction {i}, field {part}: wrote {Show(e[part])}, read {Show(a[part])}";
                }
            }
        }

        return null;
    }

    public static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (RealmValue e, RealmValue a) => Same(e, a),
        _ => Equals(expected, actual),
    };

    public static bool Same(RealmValue expected, RealmValue actual) => (expected, actual) switch
    {
        (DoubleValue e, DoubleValue a) => SameDouble(e.Value, a.Value),
        (FloatValue e, FloatValue a) => SameDouble(e.Value, a.Value),
        (FloatValue e, DoubleValue a) => float.IsFinite(e.Value) && SameDouble(e.Value, (float)a.Value),
        (ListValue { InMixed: true } or DictionaryValue { InMixed: true }, ListValue { InMixed: false } a) => Same(expected, MixedCoercion.Coerce(a, "$")),
        (ListValue e, ListValue a) => e.InMixed == a.InMixed && e.Items.Length == a.Items.Length && e.Items.Zip(a.Items).All(p => Same(p.First, p.Second)),
        (ListValue { InMixed: false } e, _) => RealmValueTags.AsUntaggedList(actual) is ListValue a && a != actual && Same(e, a),
        (DictionaryValue e, DictionaryValue a) => e.InMixed == a.InMixed && e.Entries.Length == a.Entries.Length &&
            e.Entries.Zip(a.Entries).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value)),
        (LinkValue e, LinkValue a) => e.ClassName == a.ClassName && Same(e.Identity, a.Identity),
        _ => expected.Equals(actual),
    };

    private static string Show(object? part) => part is RealmValue value ? $"{value.GetType().Name} {AdapterValueWriter.ToJson(value)}" : $"{part}";

    private static bool SameDouble(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    /// <summary>An instruction's fields in order: its type, then every name, number and value it carries.</summary>
    private static object?[] Parts(Instruction instruction) => instruction switch
    {
        InsertInstruction i => [nameof(InsertInstruction), i.ObjectType, i.Identity, .. Flatten(i.Values)],
        SetInstruction s => [nameof(SetInstruction), s.ObjectType, s.Identity, .. Flatten(s.Values)],
        DeleteInstruction d => [nameof(DeleteInstruction), d.ObjectType, d.Identity],
        ClearInstruction c => [nameof(ClearInstruction), c.ObjectType],
        ListInsertInstruction l => [nameof(ListInsertInstruction), l.ObjectType, l.Identity, l.Property, l.ListIndex, l.ObjectIdentity],
        ListSetInstruction l => [nameof(ListSetInstruction), l.ObjectType, l.Identity, l.Property, l.ListIndex, l.ObjectIdentity],
        ListEraseInstruction l => [nameof(ListEraseInstruction), l.ObjectType, l.Identity, l.Property, l.ListIndex],
        ListClearInstruction l => [nameof(ListClearInstruction), l.ObjectType, l.Identity, l.Property],
        ChangeIdentityInstruction c => [nameof(ChangeIdentityInstruction), c.ObjectType, c.Identity, c.NewIdentity],
        SwapIdentityInstruction s => [nameof(SwapIdentityInstruction), s.ObjectType, s.Identity, s.SwapIdentity],
        _ => [instruction],
    };

    private static IEnumerable<object?> Flatten(PropertyValues values) => values.Entries.SelectMany(e => new object?[] { e.Key, e.Value });
}
