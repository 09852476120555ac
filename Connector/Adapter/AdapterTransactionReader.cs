using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>Decodes one transaction object (ADAPTER-PROTOCOL.md section 1) with a forward-only reader.</summary>
internal static class AdapterTransactionReader
{
    private const int MaxRealmPathBytes = 1024;

    public static AdapterTransaction Read(ReadOnlySpan<byte> utf8Json)
    {
        var context = new JsonReadContext();
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            var transaction = ReadTransaction(ref reader, context);
            try
            {
                reader.Read();
            }
            catch (JsonException e)
            {
                throw context.Error($"unexpected data after the transaction at {Position(e)}; put one transaction per line");
            }

            return transaction;
        }
        catch (JsonException e)
        {
            throw new AdapterFormatException($"not valid JSON at {Position(e)}", context.Path, context.Version, inner: e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString throws this for a string that is not valid UTF-8.
            throw new AdapterFormatException("a string is not valid UTF-8", context.Path, context.Version, inner: e);
        }
    }

    private static string Position(JsonException e) =>
        (e.LineNumber is 0 or null ? string.Empty : $"line {e.LineNumber + 1}, ") + $"byte {e.BytePositionInLine + 1}";

    private static AdapterTransaction ReadTransaction(ref Utf8JsonReader reader, JsonReadContext context)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw context.Expected("a transaction object", ref reader);
        }

        string? realmPath = null;
        ImmutableArray<Instruction>? instructions = null;
        ChangeTrackingSource? source = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("realm_path"u8) ? "realm_path"
                : reader.ValueTextEquals("version"u8) ? "version"
                : reader.ValueTextEquals("instructions"u8) ? "instructions"
                : reader.ValueTextEquals("source"u8) ? "source"
                : null;
            if (name is null)
            {
                reader.Skip();
                continue;
            }

            context.Push(name);
            if (!seen.Add(name))
            {
                throw context.Error("appears twice in the transaction; give each field once");
            }

            reader.Read();
            switch (name)
            {
                case "realm_path":
                    realmPath = ReadRealmPath(ref reader, context);
                    break;
                case "version":
                    context.Version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var version) && version > 0
                        ? version
                        : throw context.Expected("a positive integer", ref reader);
                    break;
                case "instructions":
                    instructions = ReadInstructions(ref reader, context);
                    break;
                default:
                    source = ReadSource(ref reader, context);
                    break;
            }

            context.Pop();
        }

        return new AdapterTransaction(
            realmPath ?? throw context.Error("missing \"realm_path\""),
            context.Version ?? throw context.Error("missing \"version\""),
            instructions ?? throw context.Error("missing \"instructions\""),
            source);
    }

    private static string ReadRealmPath(ref Utf8JsonReader reader, JsonReadContext context)
    {
        // An empty path would make an empty journal directory name; the protocol's paths all start with '/'.
        if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { Length: > 0 } path)
        {
            throw context.Expected("a non-empty Realm path", ref reader);
        }

        var length = Encoding.UTF8.GetByteCount(path);
        return length <= MaxRealmPathBytes
            ? path
            : throw context.Error($"is {length} bytes of UTF-8; a Realm path has at most {MaxRealmPathBytes}");
    }

    private static ImmutableArray<Instruction> ReadInstructions(ref Utf8JsonReader reader, JsonReadContext context)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw context.Expected("an array of instructions", ref reader);
        }

        var instructions = ImmutableArray.CreateBuilder<Instruction>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            context.Push(instructions.Count);
            instructions.Add(AdapterInstructionReader.Read(ref reader, context));
            context.Pop();
        }

        return instructions.DrainToImmutable();
    }

    private static ChangeTrackingSource? ReadSource(ref Utf8JsonReader reader, JsonReadContext context)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw context.Expected("an object with change_tracking_from and change_tracking_to", ref reader);
        }

        long? from = null, to = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFrom = reader.ValueTextEquals("change_tracking_from"u8);
            if (!isFrom && !reader.ValueTextEquals("change_tracking_to"u8))
            {
                reader.Skip();
                continue;
            }

            context.Push(isFrom ? "change_tracking_from" : "change_tracking_to");
            reader.Read();
            var version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) && v >= 0
                ? v
                : throw context.Expected("a non-negative integer", ref reader);
            (isFrom ? ref from : ref to) = version;
            context.Pop();
        }

        return new ChangeTrackingSource(
            from ?? throw context.Error("missing \"change_tracking_from\""),
            to ?? throw context.Error("missing \"change_tracking_to\""));
    }
}
