using Connector.Adapter;

namespace Connector.Tests.Adapter;

/// <summary>Small builders shared by the Adapter codec tests.</summary>
internal static class AdapterJson
{
    public static string Transaction(string instructions, long version = 7) =>
        $"{{\"realm_path\":\"/r\",\"version\":{version},\"instructions\":[{instructions}]}}";

    /// <summary>A transaction whose one SET carries <paramref name="valueJson"/> as property "v".</summary>
    public static string WithValue(string valueJson) =>
        Transaction($"{{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":\"a\",\"values\":{{\"v\":{valueJson}}}}}");

    public static RealmValue DecodeValue(string valueJson) =>
        ((SetInstruction)AdapterCodec.Decode(WithValue(valueJson)).Instructions[0]).Values.Entries[0].Value;

    public static string DecodeError(string json) =>
        Assert.Throws<AdapterFormatException>(() => AdapterCodec.Decode(json))!.Message;

    public static AdapterTransaction Of(params Instruction[] instructions) => new("/r", 7, [.. instructions]);

    public static PropertyValues Values(params (string Key, RealmValue Value)[] entries) =>
        new([.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))]);
}
