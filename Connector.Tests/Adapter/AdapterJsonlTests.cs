using System.Text;
using Connector.Adapter;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class AdapterJsonlTests
{
    private static readonly AdapterTransaction First = new("/r", 1, [new ClearInstruction("A")]);
    private static readonly AdapterTransaction Second = new("/r", 2, [new DeleteInstruction("A", new IntValue(4))]);

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Written_lines_end_in_newline_and_read_back()
    {
        using var stream = new MemoryStream();
        AdapterCodec.WriteJsonl(stream, [First, Second]);
        stream.Position = 0;

        Assert.That(AdapterCodec.ReadJsonl(stream).ToList(), Is.EqualTo((AdapterTransaction[])[First, Second]));
    }

    [Test]
    public void Text_writer_writes_the_same_bytes_as_stream_writer()
    {
        using var stream = new MemoryStream();
        AdapterCodec.WriteJsonl(stream, [First, Second]);
        using var text = new StringWriter();
        AdapterCodec.WriteJsonl(text, [First, Second]);

        Assert.That(text.ToString(), Is.EqualTo(Encoding.UTF8.GetString(stream.ToArray())));
    }

    [Test]
    public void Text_reader_skips_blank_lines() =>
        Assert.That(
            AdapterCodec.ReadJsonl(new StringReader(AdapterCodec.Encode(First) + "\n\n  \r\n" + AdapterCodec.Encode(Second))).ToList(),
            Is.EqualTo((AdapterTransaction[])[First, Second]));

    [Test]
    public void Final_line_without_newline_is_read_by_default() =>
        Assert.That(
            AdapterCodec.ReadJsonl(Stream(AdapterCodec.Encode(First) + "\r\n" + AdapterCodec.Encode(Second))).ToList(),
            Is.EqualTo((AdapterTransaction[])[First, Second]));

    [Test]
    public void Final_line_without_newline_is_left_when_a_newline_is_required() =>
        Assert.That(
            AdapterCodec.ReadJsonl(Stream(AdapterCodec.Encode(First) + "\n{\"realm_path\":\"/r\",\"ver"), requireFinalNewline: true).ToList(),
            Is.EqualTo((AdapterTransaction[])[First]));

    [Test]
    public void Lines_longer_than_the_read_buffer_are_read_whole()
    {
        var big = Of(new InsertInstruction("A", new StringValue("a"), Values(("s", new StringValue(new string('x', 200_000))))));

        Assert.That(AdapterCodec.ReadJsonl(Stream(AdapterCodec.Encode(big) + "\n")).Single(), Is.EqualTo(big));
    }

    [Test]
    public void Stream_error_names_the_line() =>
        Assert.That(
            Assert.Throws<AdapterFormatException>(() => AdapterCodec.ReadJsonl(Stream(
                AdapterCodec.Encode(First) + "\n\n" + Transaction("{\"type\":\"DELETE\",\"object_type\":\"A\"}") + "\n")).ToList())!.Message,
            Is.EqualTo("line 3: version 7: $.instructions[0]: missing \"identity\", which DELETE requires"));

    [Test]
    public void Text_reader_error_names_the_line() =>
        Assert.That(
            Assert.Throws<AdapterFormatException>(() => AdapterCodec.ReadJsonl(new StringReader("\n{")).ToList())!.Message,
            Is.EqualTo("line 2: $: not valid JSON at byte 2"));
}
