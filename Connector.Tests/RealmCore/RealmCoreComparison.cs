using System.Globalization;
using System.Text.Json;
using Connector.Adapter;
using Connector.Tests.InitialLoad;

namespace Connector.Tests.RealmCore;

/// <summary>
/// Compares realm-core's <c>dump</c> of a file, object by object and value by value, with what the test replayer
/// holds after applying <c>inspect --instructions</c> of the same file. Both sides become one comparable text per
/// value (its type and exact content), so a failure names the class, the object, the property and both texts.
/// Objects are matched by identity: the primary key, or <c>{objkey-N}</c> for classes without one (embedded ones
/// included, as the initial load identifies them). Links are compared by the identity of their target.
/// </summary>
internal sealed class RealmCoreComparison
{
    private readonly Dictionary<string, JsonElement> tables = new(StringComparer.Ordinal);

    public RealmCoreComparison(JsonDocument dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        foreach (var table in dump.RootElement.GetProperty("tables").EnumerateArray())
        {
            tables[table.GetProperty("name").GetString()!] = table.Clone();
        }
    }

    /// <summary>Every difference between the dump of <paramref name="className"/> and the replayer; empty when they agree.</summary>
    public IReadOnlyList<string> Differences(InstructionReplayer replayer, string className)
    {
        ArgumentNullException.ThrowIfNull(replayer);
        var table = tables[className];
        var differences = new List<string>();
        var objects = table.GetProperty("objects").EnumerateArray().ToList();
        var replayed = replayer.Objects.TryGetValue(className, out var found) ? found : [];
        if (replayed.Count != objects.Count)
        {
            differences.Add($"{className}: realm-core has {objects.Count} objects, the replay {replayed.Count}");
        }

        foreach (var dumped in objects)
        {
            var identity = Identity(className, dumped);
            if (!replayed.ContainsKey(identity))
            {
                differences.Add($"{className} {Normalize(identity)}: not in the replay");
                continue;
            }

            var values = replayer.Values(className, identity).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var column in table.GetProperty("columns").EnumerateArray())
            {
                var name = column.GetProperty("name").GetString()!;
                var expected = dumped.TryGetProperty(name, out var value) ? Column(value, column) : "null";
                var actual = values.TryGetValue(name, out var replayedValue) ? Replayed(replayer, replayedValue, column) : "(absent)";
                if (expected != actual)
                {
                    differences.Add($"{className} {Normalize(identity)}, property '{name}': realm-core {expected}, replay {actual}");
                }
            }
        }

        return differences;
    }

    private RealmValue Identity(string className, JsonElement dumped)
    {
        var table = tables[className];
        return table.TryGetProperty("primaryKey", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 } name
            ? Key(dumped.GetProperty(name), PrimaryKeyType(table, name))
            : new StringValue(string.Create(CultureInfo.InvariantCulture, $"{{objkey-{dumped.GetProperty("_key").GetInt64()}}}"));
    }

    /// <summary>
    /// A replayed value as comparable text. A link to an embedded object is its content (the dump gives embedded
    /// objects inline, without their object key), field by field in the embedded table's column order.
    /// </summary>
    private string Replayed(InstructionReplayer replayer, RealmValue value, JsonElement column)
    {
        if (Target(column) is not { } target || !IsEmbedded(target))
        {
            return Normalize(value);
        }

        string Inline(RealmValue link) => link is NullValue
            ? "null"
            : "{" + string.Join(",", tables[target].GetProperty("columns").EnumerateArray().Select(c =>
            {
                var fields = replayer.Values(target, link).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                return c.GetProperty("name").GetString() + "=" + Replayed(replayer, fields[c.GetProperty("name").GetString()!], c);
            })) + "}";

        return value switch
        {
            ListValue list => "[" + string.Join(",", list.Items.Select(Inline)) + "]",
            DictionaryValue dictionary => Dictionary(dictionary.Entries.Select(e => (e.Key, Inline(e.Value)))),
            _ => Inline(value),
        };
    }

    /// <summary>An embedded object as the dump gives it inline: its fields in the embedded table's column order.</summary>
    private string Inline(JsonElement inline, string target) =>
        "{" + string.Join(",", tables[target].GetProperty("columns").EnumerateArray().Select(c =>
            c.GetProperty("name").GetString() + "=" + (inline.TryGetProperty(c.GetProperty("name").GetString()!, out var v) ? Column(v, c) : "null"))) + "}";

    private static string? Target(JsonElement column) =>
        column.TryGetProperty("objectType", out var objectType) && objectType.ValueKind == JsonValueKind.String ? objectType.GetString() : null;

    private bool IsEmbedded(string table) => tables[table].TryGetProperty("tableType", out var type) && type.GetString() == "Embedded";

    private static string PrimaryKeyType(JsonElement table, string name) =>
        table.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("type").GetString()!;

    private static RealmValue Key(JsonElement value, string type) => (value.ValueKind, type) switch
    {
        (JsonValueKind.Null, _) => RealmValue.Null,
        (_, "int") => new IntValue(value.GetInt64()),
        (_, "string") => new StringValue(value.GetString()!),
        (_, "objectId") => new ObjectIdValue(value.GetString()!),
        (_, "uuid") => new UuidValue(Guid.Parse(value.GetString()!)),
        (_, "objkey") => new StringValue(string.Create(CultureInfo.InvariantCulture, $"{{objkey-{value.GetInt64()}}}")),
        _ => throw new AssertionException($"a primary key of type {type}: {value}"),
    };

    private string Column(JsonElement value, JsonElement column)
    {
        var type = column.GetProperty("type").GetString()!;
        var target = Target(column);
        var collection = column.TryGetProperty("collection", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        return (collection, value.ValueKind) switch
        {
            (_, JsonValueKind.Null) => collection == "dictionary" ? "{}" : collection is null ? "null" : "[]",
            ("dictionary", _) => Dictionary(value.EnumerateObject().Select(p => (p.Name, Dumped(p.Value, type, target)))),
            ("list" or "set", _) => "[" + string.Join(",", value.EnumerateArray().Select(e => Dumped(e, type, target))) + "]",
            _ => Dumped(value, type, target),
        };
    }

    /// <summary>A value of realm-core's dump (tool README, "Output of dump") as comparable text.</summary>
    private string Dumped(JsonElement value, string type, string? target) => (value.ValueKind, type) switch
    {
        (JsonValueKind.Null, _) => "null",
        (JsonValueKind.Array, "date") when value.GetArrayLength() == 2 && value[0].ValueKind == JsonValueKind.Number =>
            Normalize(new TimestampValue(value[0].GetInt64(), value[1].GetInt32())),
        (JsonValueKind.Object, "mixed") => Mixed(value),
        (JsonValueKind.Object, "object") when IsEmbedded(target!) => Inline(value, target!),
        (_, "object") => Normalize(Key(value, PrimaryKeyTypeOrKey(target!))),
        (_, "int") => Normalize(new IntValue(value.GetInt64())),
        (_, "bool") => Normalize(new BoolValue(value.GetBoolean())),
        (_, "string") => Normalize(new StringValue(value.GetString()!)),
        (_, "data") => Normalize(new DataValue(Convert.FromBase64String(value.GetString()!))),
        (_, "float") => Normalize(new FloatValue((float)RealmCoreOracle.Floating(value))),
        (_, "double") => Normalize(new DoubleValue(RealmCoreOracle.Floating(value))),
        (_, "decimal128") => Normalize(new Decimal128Value(value.GetString() switch { "Inf" => "Infinity", "-Inf" => "-Infinity", var text => text! })),
        (_, "objectId") => Normalize(new ObjectIdValue(value.GetString()!)),
        (_, "uuid") => Normalize(new UuidValue(Guid.Parse(value.GetString()!))),
        _ => throw new AssertionException($"no comparison for a dumped {type}: {value}"),
    };

    private string PrimaryKeyTypeOrKey(string target) =>
        tables[target].TryGetProperty("primaryKey", out var pk) && pk.ValueKind == JsonValueKind.String && pk.GetString()!.Length > 0
            ? PrimaryKeyType(tables[target], pk.GetString()!)
            : "objkey";

    private string Mixed(JsonElement value)
    {
        var type = value.GetProperty("type").GetString()!;
        var inner = value.GetProperty("value");
        return type switch
        {
            "list" => "list[" + string.Join(",", inner.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? "null" : Mixed(e))) + "]",
            "dictionary" => "dictionary" + Dictionary(inner.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.Null ? "null" : Mixed(p.Value)))),
            "link" or "object" => Normalize(new LinkValue(value.GetProperty("class").GetString()!, Key(inner, PrimaryKeyTypeOrKey(value.GetProperty("class").GetString()!)))),
            _ => Dumped(inner, type, null),
        };
    }

    /// <summary>
    /// A decimal128's value, not its spelling: realm-core prints <c>+1000000000000000000000000000000000E+6111</c> where
    /// the reader writes <c>1.000000000000000000000000000000000E+6144</c>. Sign, digits without leading or trailing
    /// zeros, and the exponent of the last digit; NaN and infinities by name.
    /// </summary>
    private static string Decimal(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$");
        if (!match.Success)
        {
            return text;
        }

        var digits = (match.Groups[2].Value + match.Groups[3].Value).TrimStart('0');
        var exponent = (match.Groups[4].Success ? long.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 0) - match.Groups[3].Value.Length;
        if (digits.Length == 0)
        {
            return "0";
        }

        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return string.Create(CultureInfo.InvariantCulture, $"{(match.Groups[1].Value == "-" ? "-" : "")}{trimmed}E{exponent}");
    }

    /// <summary>A value as comparable text (<see cref="RealmCoreOracle.Normalize"/>), decimals by value at any depth.</summary>
    private static string Normalize(RealmValue value) => RealmCoreOracle.Normalize(ByValue(value));

    private static RealmValue ByValue(RealmValue value) => value switch
    {
        Decimal128Value d => new Decimal128Value(Decimal(d.Text)),
        ListValue l => l with { Items = [.. l.Items.Select(ByValue)] },
        DictionaryValue d => d with { Entries = [.. d.Entries.Select(e => KeyValuePair.Create(e.Key, ByValue(e.Value)))] },
        LinkValue l => l with { Identity = ByValue(l.Identity) },
        _ => value,
    };

    // A dictionary's order is not part of its value: entries are compared sorted by key, as RealmCoreOracle.Normalize does.
    private static string Dictionary(IEnumerable<(string Key, string Value)> entries) =>
        "{" + string.Join(",", entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")) + "}";
}
