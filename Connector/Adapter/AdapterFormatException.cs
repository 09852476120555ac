using System.Globalization;

namespace Connector.Adapter;

/// <summary>
/// Malformed Adapter input: invalid JSON, a missing or wrong-typed field, or a value that does not fit its
/// property. The message reads <c>line 12: version 7: $.instructions[3].values.age: expected an integer, found "x"</c>,
/// where the line (JSONL only) and the version (once it has been read) appear only when known.
/// </summary>
public sealed class AdapterFormatException : ConnectorException
{
    private const string InstructionsPrefix = "$.instructions[";

    public AdapterFormatException(string problem, string jsonPath, long? version = null, long? lineNumber = null, Exception? inner = null)
        : base(Compose(problem, jsonPath, version, lineNumber), ExitCodes.BadInput, inner)
    {
        Problem = problem;
        JsonPath = jsonPath;
        Version = version;
        LineNumber = lineNumber;
        InstructionIndex = ParseInstructionIndex(jsonPath);
    }

    /// <summary>What is wrong and, where it helps, how to fix it; the message without its location.</summary>
    public string Problem { get; }

    /// <summary>Where: <c>$</c> is the transaction, <c>$.instructions[3].values.age</c> a value.</summary>
    public string JsonPath { get; }

    public long? Version { get; }

    /// <summary>The index of the instruction in <see cref="JsonPath"/>, when the problem is inside one.</summary>
    public int? InstructionIndex { get; }

    /// <summary>The 1-based line of a JSONL stream, when the transaction came from one.</summary>
    public long? LineNumber { get; }

    /// <summary>The same problem with the version and line filled in where this one lacks them.</summary>
    public AdapterFormatException WithContext(long? version, long? lineNumber) =>
        new(Problem, JsonPath, Version ?? version, LineNumber ?? lineNumber, InnerException);

    /// <summary>The same problem, found inside <paramref name="segment"/> of an enclosing value (<c>.values.age</c>, <c>[2]</c>).</summary>
    public AdapterFormatException Under(string segment) =>
        new(Problem, "$" + segment + JsonPath[1..], Version, LineNumber, InnerException);

    private static string Compose(string problem, string jsonPath, long? version, long? lineNumber)
    {
        var line = lineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $"line {n}: ") : string.Empty;
        var at = version is { } v ? string.Create(CultureInfo.InvariantCulture, $"version {v}: ") : string.Empty;
        return $"{line}{at}{jsonPath}: {problem}";
    }

    private static int? ParseInstructionIndex(string jsonPath)
    {
        if (!jsonPath.StartsWith(InstructionsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = jsonPath.IndexOf(']', InstructionsPrefix.Length);
        return end > 0 && int.TryParse(jsonPath.AsSpan(InstructionsPrefix.Length, end - InstructionsPrefix.Length),
            NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
