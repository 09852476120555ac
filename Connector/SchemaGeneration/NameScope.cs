using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connector.Sql;

namespace Connector.SchemaGeneration;

/// <summary>
/// The names already taken in one SQL Server namespace (the tables of a schema, the columns of a table),
/// compared as SQL Server's default collation does: case-insensitively, trailing spaces ignored. A name
/// SQL Server cannot hold, or one already taken, is resolved deterministically and the reason returned, so
/// that the same Realm schema always maps to the same SQL names and the catalog records why.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public NameScope(params IEnumerable<string> reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(Key(name));
        }
    }

    public bool Contains(string name) => _taken.Contains(Key(name));

    /// <summary>
    /// Claims <paramref name="desired"/> or, when it cannot be used as is, the nearest free name; returns the
    /// name claimed and, in <paramref name="resolution"/>, why it differs (null when it does not).
    /// </summary>
    public string Claim(string desired, out string? resolution)
    {
        var name = MakeValid(desired, out resolution);
        if (_taken.Add(Key(name)))
        {
            return name;
        }

        var collidedWith = name;
        for (var n = 2; ; n++)
        {
            var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = Fit(name, suffix);
            if (_taken.Add(Key(candidate)))
            {
                var reason = $"'{collidedWith}' is already used in this scope (SQL Server compares names case-insensitively)";
                resolution = resolution is null ? reason : resolution + "; " + reason;
                return candidate;
            }
        }
    }

    private static string MakeValid(string desired, out string? resolution)
    {
        resolution = null;
        var builder = new StringBuilder(desired.Length);
        foreach (var c in desired)
        {
            builder.Append(char.IsControl(c) ? '_' : c);
        }

        var name = builder.ToString();
        if (name.Length != desired.Length || !name.Equals(desired, StringComparison.Ordinal))
        {
            resolution = "control characters replaced by '_'";
        }

        if (name.Length == 0 || name[^1] == ' ')
        {
            name += "_";
            resolution = Append(resolution, "SQL Server ignores trailing spaces in names: '_' appended");
        }

        if (name.Length > SqlIdentifier.MaxLength)
        {
            name = Fit(name, string.Empty);
            resolution = Append(resolution, $"longer than {SqlIdentifier.MaxLength} characters: shortened with a hash of the full name");
        }

        return name;
    }

    /// <summary>
    /// <paramref name="name"/> + <paramref name="suffix"/> within 128 characters; a long name keeps its head
    /// and ends in a hash of the whole, so that two long names sharing a prefix stay distinct.
    /// </summary>
    private static string Fit(string name, string suffix)
    {
        if (name.Length + suffix.Length <= SqlIdentifier.MaxLength)
        {
            return name + suffix;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var head = name[..(SqlIdentifier.MaxLength - suffix.Length - hash.Length - 1)];
        if (char.IsHighSurrogate(head[^1]))
        {
            head = head[..^1];
        }

        return head + "~" + hash + suffix;
    }

    private static string? Append(string? existing, string reason) =>
        existing is null ? reason : existing + "; " + reason;

    // Close to SQL_Latin1_General_CP1_CI_AS, the default collation: case-insensitive, trailing spaces
    // ignored. Accent-insensitive collations would merge more names; the catalog records what was chosen.
    private static string Key(string name) => name.TrimEnd(' ').ToUpperInvariant();
}
