using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Connector.Adapter;

/// <summary>
/// Where the decoder is (a stack of member names and array indices, rendered only when an error needs it)
/// and the transaction version once it has been read.
/// </summary>
internal sealed class JsonReadContext
{
    private readonly List<(string? Name, int Index)> segments = new(8);

    public long? Version { get; set; }

    public string Path
    {
        get
        {
            var builder = new StringBuilder("$");
            foreach (var (name, index) in segments)
            {
                builder.Append(name is null ? Element(index) : Member(name));
            }

            return builder.ToString();
        }
    }

    /// <summary>A JSON path segment for a member: <c>.age</c>, or <c>["odd name"]</c> when it is not a plain word.</summary>
    public static string Member(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "." + name
            : "[" + Quote(name) + "]";

    public static string Element(long index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    public static string Quote(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    public void Push(string name) => segments.Add((name, 0));

    public void Push(int index) => segments.Add((null, index));

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public AdapterFormatException Error(string problem) => new(problem, Path, Version);

    /// <summary>The current token as an error message shows it: a string quoted, a number as written.</summary>
    public static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Quote(reader.GetString()!),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => "nothing",
    };

    public AdapterFormatException Expected(string what, ref Utf8JsonReader reader) =>
        Error($"expected {what}, found {Found(ref reader)}");
}
