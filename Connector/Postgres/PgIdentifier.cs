using System.Text;

namespace Connector.Postgres;

/// <summary>
/// The one quoting helper for PostgreSQL: every identifier the connector writes into PostgreSQL SQL passes through
/// <see cref="Quote(string)"/>. Realm class and property names are user input; a quoted identifier keeps its case
/// and any character but NUL, and <c>"</c> is escaped by doubling ("Identifiers and Key Words", 4.1.1).
/// </summary>
public static class PgIdentifier
{
    /// <summary>NAMEDATALEN - 1: PostgreSQL silently truncates a longer identifier, so the connector never writes one.</summary>
    public const int MaxBytes = 63;

    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name, out var problem))
        {
            throw new ArgumentException($"'{name}' cannot be a PostgreSQL identifier: {problem}.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><c>"schema"."name"</c>.</summary>
    public static string Quote(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>Whether PostgreSQL holds <paramref name="name"/> as a quoted identifier unchanged: 1 to 63 UTF-8 bytes, no control characters.</summary>
    public static bool IsValid(string name, out string problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        problem = name.Length == 0 ? "it is empty"
            : name.Any(char.IsControl) ? "it contains a control character"
            : Encoding.UTF8.GetByteCount(name) > MaxBytes ? $"it is longer than {MaxBytes} UTF-8 bytes, and PostgreSQL would truncate it"
            : string.Empty;
        return problem.Length == 0;
    }
}
