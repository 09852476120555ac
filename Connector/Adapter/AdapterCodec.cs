using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>
/// The JSON form of Adapter transactions (ADAPTER-PROTOCOL.md sections 1-3): one transaction per JSON text, and
/// JSONL (one transaction per line) for the journal.
/// </summary>
public static class AdapterCodec
{
    private const int InitialLineBuffer = 64 * 1024;

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Journal lines are never embedded in HTML: keep non-ASCII text and '+' (base64) as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="AdapterFormatException">The bytes are not one well-formed transaction.</exception>
    public static AdapterTransaction Decode(ReadOnlySpan<byte> utf8Json) => AdapterTransactionReader.Read(utf8Json);

    /// <exception cref="AdapterFormatException">The text is not one well-formed transaction.</exception>
    public static AdapterTransaction Decode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Decode(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the transaction as one JSON object (no indentation, no newline).</summary>
    public static void Encode(Utf8JsonWriter writer, AdapterTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transaction);
        AdapterTransactionWriter.Write(writer, transaction);
    }

    public static byte[] EncodeToUtf8(AdapterTransaction transaction)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Encode(writer, transaction);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The transaction as a single line of JSON, without the trailing newline.</summary>
    public static string Encode(AdapterTransaction transaction) => Encoding.UTF8.GetString(EncodeToUtf8(transaction));

    /// <summary>
    /// Reads one transaction per line, skipping blank lines. Errors carry the 1-based line number. A final line
    /// without its newline is read like any other unless <paramref name="requireFinalNewline"/> is set, in which
    /// case it is left unread: in a journal it is an append still under way.
    /// </summary>
    public static IEnumerable<AdapterTransaction> ReadJsonl(Stream stream, bool requireFinalNewline = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadLines(stream, requireFinalNewline);
    }

    /// <summary>As <see cref="ReadJsonl(Stream, bool)"/>, from text; a final line counts even without a newline.</summary>
    public static IEnumerable<AdapterTransaction> ReadJsonl(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadLines(reader);
    }

    /// <summary>Writes each transaction as one line ending in <c>\n</c>.</summary>
    public static void WriteJsonl(Stream stream, IEnumerable<AdapterTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(transactions);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        foreach (var transaction in transactions)
        {
            Encode(writer, transaction);
            writer.Flush();
            buffer.Write("\n"u8);
            stream.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }
    }

    public static void WriteJsonl(TextWriter writer, IEnumerable<AdapterTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var transaction in transactions)
        {
            writer.Write(Encode(transaction));
            writer.Write('\n');
        }
    }

    private static IEnumerable<AdapterTransaction> ReadLines(Stream stream, bool requireFinalNewline)
    {
        var buffer = new byte[InitialLineBuffer];
        int start = 0, end = 0;
        long lineNumber = 0;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                if (DecodeLine(buffer, start, newline - start, ++lineNumber) is { } transaction)
                {
                    yield return transaction;
                }

                start = newline + 1;
                continue;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                (end, start) = (end - start, 0);
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (!requireFinalNewline && end > 0 && DecodeLine(buffer, 0, end, ++lineNumber) is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            end += read;
        }
    }

    private static IEnumerable<AdapterTransaction> ReadLines(TextReader reader)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return WithLine(lineNumber, () => Decode(line));
            }
        }
    }

    private static AdapterTransaction? DecodeLine(byte[] buffer, int start, int length, long lineNumber)
    {
        var line = buffer.AsMemory(start, length);
        return line.Span.Trim(" \t\r"u8).IsEmpty ? null : WithLine(lineNumber, () => Decode(line.Span));
    }

    private static AdapterTransaction WithLine(long lineNumber, Func<AdapterTransaction> decode)
    {
        try
        {
            return decode();
        }
        catch (AdapterFormatException e)
        {
            throw e.WithContext(null, lineNumber);
        }
    }
}
