using System.Text.RegularExpressions;

namespace Connector.Partitioning;

/// <summary>
/// The Realm path pattern of a partitioned mapping (<c>bootstrap --realm-path-pattern</c>): a .NET regular expression
/// that must match a Realm path WHOLE (it is anchored here, whatever anchors it carries), culture-invariant, with a
/// match timeout so that a pathological pattern cannot stall a pass. Every Realm path it matches shares the mapping's
/// tables, each row carrying its Realm in the partition column (<see cref="SchemaGeneration.SchemaMapper.RealmColumn"/>).
/// </summary>
public sealed class RealmPathPattern
{
    /// <summary>How long one match may take: a Realm path is at most 1,024 bytes, so only a pathological pattern comes near.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex _regex;

    private RealmPathPattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    /// <summary>The pattern as configured and recorded in the catalog.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; a pattern .NET cannot compile is an error naming it, <paramref name="source"/> (the option or catalog row) and the fix.</summary>
    public static RealmPathPattern Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new ConnectorException($"{source}: the Realm path pattern is empty; give a .NET regular expression such as '^/([0-9a-f]+)/private$'.", ExitCodes.Usage);
        }

        try
        {
            // Anchored as a whole: '^/x' must not match '/x/y'. \z, not $: $ also matches before a final newline.
            var regex = new Regex($"^(?:{text})\\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
            var pattern = new RealmPathPattern(text, regex);
            if (pattern.Matches(text))
            {
                // The catalog records the pattern as the mapping's RealmPath, which is unique: a path equal to it could never register.
                throw new ConnectorException(
                    $"{source}: '{text}' matches its own text, so a Realm path spelled like the pattern could not be told from the mapping in the catalog; " +
                    "write it as a regular expression that does not (escape a character, e.g. '^/a/b$' instead of '/a/b').", ExitCodes.Usage);
            }

            return pattern;
        }
        catch (ArgumentException e)
        {
            throw new ConnectorException($"{source}: '{text}' is not a valid .NET regular expression ({e.Message}); fix the pattern, for example '^/([0-9a-f]+)/private$'.", ExitCodes.Usage);
        }
    }

    /// <summary>Whether <paramref name="realmPath"/> matches; a match that outlasts <see cref="MatchTimeout"/> is an error naming the pattern and the path.</summary>
    public bool Matches(string realmPath)
    {
        ArgumentNullException.ThrowIfNull(realmPath);
        try
        {
            return _regex.IsMatch(realmPath);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ConnectorException(
                $"Realm path pattern '{Text}' took longer than {MatchTimeout.TotalMilliseconds} ms to match '{realmPath}'; simplify the pattern (no nested repetition).",
                ExitCodes.Failure);
        }
    }

    public override string ToString() => Text;
}
