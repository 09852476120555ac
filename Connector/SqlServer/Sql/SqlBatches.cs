using System.Text.RegularExpressions;

namespace Connector.SqlServer.Sql;

/// <summary>A script split into batches at its <c>GO</c> lines, as sqlcmd and SSMS split it.</summary>
public static partial class SqlBatches
{
    /// <summary>The batches, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Split(string script) =>
        [.. Raw(script).Select(b => b.Trim()).Where(b => b.Length > 0)];

    /// <summary>The text between <c>GO</c> lines as it stands (empty pieces included).</summary>
    public static string[] Raw(string script) => GoLine().Split(script ?? throw new ArgumentNullException(nameof(script)));

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
