using System.Text;

namespace Connector.SqlServer.Sql;

/// <summary>
/// The one quoting helper: every identifier the connector writes into T-SQL passes through
/// <see cref="Quote(string)"/>. Realm class and property names are user input; brackets are the only
/// delimiter that SQL Server accepts whatever QUOTED_IDENTIFIER says, and <c>]</c> is escaped by doubling.
/// </summary>
public static class SqlIdentifier
{
    /// <summary>SQL Server's limit for a regular identifier (sysname).</summary>
    public const int MaxLength = 128;

    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name, out var problem))
        {
            throw new ArgumentException($"'{name}' cannot be a SQL Server identifier: {problem}.", nameof(name));
        }

        var builder = new StringBuilder(name.Length + 2);
        builder.Append('[');
        foreach (var c in name)
        {
            builder.Append(c);
            if (c == ']')
            {
                builder.Append(']');
            }
        }

        return builder.Append(']').ToString();
    }

    /// <summary><c>[schema].[name]</c>.</summary>
    public static string Quote(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>
    /// Whether SQL Server can hold <paramref name="name"/> as a delimited identifier: 1 to 128 characters,
    /// no control characters (which SQL Server rejects or silently mangles), no trailing space (which it
    /// trims when it compares names).
    /// </summary>
    public static bool IsValid(string name, out string problem)
    {
        if (name.Length == 0)
        {
            problem = "it is empty";
            return false;
        }

        if (name.Length > MaxLength)
        {
            problem = $"it has {name.Length} characters, more than {MaxLength}";
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                problem = $"it contains the control character U+{(int)c:X4}";
                return false;
            }
        }

        if (name[^1] == ' ')
        {
            problem = "it ends with a space";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
