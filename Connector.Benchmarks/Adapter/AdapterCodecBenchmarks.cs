using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connector.Adapter;

namespace Connector.Benchmarks.Adapter;

/// <summary>Decoding a typical transaction (inserts of a few scalar values) against the JsonDocument baseline.</summary>
[MemoryDiagnoser]
public class AdapterCodecBenchmarks
{
    private byte[] json = [];

    [GlobalSetup]
    public void Setup()
    {
        var instructions = Enumerable.Range(0, 200).Select(i => (Instruction)new InsertInstruction("Dog", new IntValue(i), new PropertyValues([
            KeyValuePair.Create<string, RealmValue>("id", new IntValue(i)),
            KeyValuePair.Create<string, RealmValue>("name", new StringValue("dog " + i)),
            KeyValuePair.Create<string, RealmValue>("weight", new DoubleValue(i * 1.25)),
            KeyValuePair.Create<string, RealmValue>("born", new TimestampValue(1_600_000_000 + i, 0)),
            KeyValuePair.Create<string, RealmValue>("good", new BoolValue(i % 2 == 0)),
        ])));
        json = Encoding.UTF8.GetBytes(AdapterCodec.Encode(new AdapterTransaction("/user/realm", 42, [.. instructions])));
    }

    [Benchmark(Baseline = true)]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("instructions").GetArrayLength();
    }

    [Benchmark]
    public int AdapterCodecDecode() => AdapterCodec.Decode(json).Instructions.Length;
}
