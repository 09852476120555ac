using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    private readonly NameLimit _limit;
    private readonly IReadOnlyDictionary<string, string> _reserved = new Dictionary<string, string>();

    public NameScope(params IEnumerable<string> reserved)
        : this(NameLimit.SqlServer, reserved)
    {
    }

    /// <param name="columns">Whether the scope holds columns, which then avoid <see cref="NameLimit.ReservedColumns"/>.</param>
    public NameScope(NameLimit limit, IEnumerable<string> reserved, bool columns)
        : this(limit, reserved)
    {
        if (columns)
        {
            _reserved = limit.ReservedColumns;
            foreach (var name in _reserved.Keys)
            {
                _taken.Add(Key(name));
            }
        }
    }

    public NameScope(NameLimit limit, IEnumerable<string> reserved)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(reserved);
        _limit = limit;
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
                var reason = _reserved.TryGetValue(collidedWith, out var why)
                    ? why
                    : $"'{collidedWith}' is already used in this scope (SQL Server compares names case-insensitively)";
                resolution = resolution is null ? reason : resolution + "; " + reason;
                return candidate;
            }
        }
    }

    private string MakeValid(string desired, out string? resolution)
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

        if (!_limit.Fits(name))
        {
            name = Fit(name, string.Empty);
            resolution = Append(resolution, $"longer than {_limit.Describe()}: shortened with a hash of the full name");
        }

        return name;
    }

    /// <summary>
    /// <paramref name="name"/> + <paramref name="suffix"/> within the limit; a long name keeps its head and ends in a
    /// hash of the whole, so that two long names sharing a prefix stay distinct.
    /// </summary>
    private string Fit(string name, string suffix)
    {
        if (_limit.Fits(name + suffix))
        {
            return name + suffix;
        }

        var tail = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8] + suffix;
        var length = name.Length;
        while (length > 0 && (!_limit.Fits(string.Concat(name.AsSpan(0, length), tail)) || char.IsHighSurrogate(name[length - 1])))
        {
            length--;
        }

        return name[..length] + tail;
    }

    private static string? Append(string? existing, string reason) =>
        existing is null ? reason : existing + "; " + reason;

    // Close to SQL_Latin1_General_CP1_CI_AS, the default collation: case-insensitive, trailing spaces
    // ignored. Accent-insensitive collations would merge more names; the catalog records what was chosen.
    private static string Key(string name) => name.TrimEnd(' ').ToUpperInvariant();
}
