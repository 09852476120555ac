using System.Globalization;
using System.Text.Json;
using Connector.Adapter;
using Connector.Tests.Cli;
using Connector.Tests.InitialLoad;

namespace Connector.Tests.RealmCore;

/// <summary>
/// What the realm-core oracle tests share: a file realm-core creates, exported by <c>inspect --instructions</c>, and
/// values as comparable text, so that a replayed value and realm-core's dump of it can be compared one to one.
/// </summary>
internal static class RealmCoreOracle
{
    /// <summary>realm-core creates <c>probe.realm</c> in <paramref name="work"/> from <paramref name="spec"/>; inspect exports it.</summary>
    public static (string File, string Instructions) CreateAndInspect(string work, string spec, int transactionSize)
    {
        var file = Path.Combine(work, "probe.realm");
        RealmCoreTool.Create(spec, file);
        return (file, Inspect(file, Path.Combine(work, "instructions.jsonl"), transactionSize));
    }

    /// <summary><c>inspect --instructions</c> of <paramref name="file"/> into <paramref name="instructions"/>, which it returns.</summary>
    public static string Inspect(string file, string instructions, int transactionSize)
    {
        var run = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--transaction-size",
            transactionSize.ToString(CultureInfo.InvariantCulture), "--out", instructions);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        return instructions;
    }

    /// <summary>The exported instructions replayed by the test project's own replayer.</summary>
    public static InstructionReplayer Replay(string instructions)
    {
        var replayer = new InstructionReplayer();
        using var stream = File.OpenRead(instructions);
        AdapterCodec.ReadJsonl(stream).ToList().ForEach(replayer.Apply);
        return replayer;
    }

    /// <summary>
    /// A value as comparable text, each scalar with its type and exact number (-0 kept, NaN and infinities by name);
    /// a collection nested in mixed says so; dictionary keys sorted (dump sorts them).
    /// </summary>
    public static string Normalize(RealmValue value) => value switch
    {
        NullValue => "null",
        BoolValue b => $"bool:{(b.Value ? "true" : "false")}",
        IntValue i => $"int:{i.Value}",
        FloatValue f => $"float:{Number(f.Value, float.IsNegative(f.Value), f.Value.ToString("R", CultureInfo.InvariantCulture))}",
        DoubleValue d => $"double:{Number(d.Value, double.IsNegative(d.Value), d.Value.ToString("R", CultureInfo.InvariantCulture))}",
        StringValue s => $"string:{s.Value}",
        DataValue d => $"data:{Convert.ToBase64String(d.Bytes.Span)}",
        TimestampValue t => $"date:{t.Seconds},{t.Nanoseconds}",
        Decimal128Value d => $"decimal128:{d.Text}",
        ObjectIdValue o => $"objectId:{o.Hex}",
        UuidValue u => $"uuid:{u.Value:D}",
        LinkValue l => $"link:{l.ClassName}:{Normalize(l.Identity)}",
        ListValue l => (l.InMixed ? "list" : string.Empty) + "[" + string.Join(",", l.Items.Select(Normalize)) + "]",
        DictionaryValue d => (d.InMixed ? "dictionary" : string.Empty) + "{" +
            string.Join(",", d.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Normalize(e.Value)}")) + "}",
        _ => throw new AssertionException($"no comparison for {value}"),
    };

    /// <summary>A dumped float or double: a number, or "NaN", "Infinity", "-Infinity" (tool README, "Output of dump").</summary>
    public static double Floating(JsonElement dumped) =>
        dumped.ValueKind == JsonValueKind.String ? RealmValueTags.ParseNonFinite(dumped.GetString()!)!.Value : dumped.GetDouble();

    private static string Number(double value, bool negative, string text) => value == 0 && negative ? "-0" : text;
}
