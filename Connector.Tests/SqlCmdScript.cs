using System.Text.RegularExpressions;

namespace Connector.Tests;

/// <summary>
/// A DBA script of <c>scripts/</c> as sqlcmd runs it with <c>-v Name="value"</c>: every <c>$(Name)</c> replaced.
/// A variable the caller did not give is an error naming it, as sqlcmd's own "'Name' scripting variable not
/// defined", so a script that grows a variable cannot be run half-substituted by a test.
/// </summary>
public static partial class SqlCmdScript
{
    public static string Load(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", name));

    /// <summary>scripts/sql-setup.sql with its four variables, as a DBA runs it with <c>-v</c>.</summary>
    public static string SqlSetup(string login, string password, string dataSchema, string applyMode) =>
        Substitute(Load("sql-setup.sql"), new Dictionary<string, string>
        {
            ["ConnectorLogin"] = login,
            ["ConnectorPassword"] = password,
            ["DataSchema"] = dataSchema,
            ["ApplyMode"] = applyMode,
        });

    public static IReadOnlyList<string> Variables(string script) =>
        [.. Variable().Matches(script).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static string Substitute(string script, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        // sqlcmd variable names are case-insensitive.
        var byName = new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase);
        var missing = Variables(script).Where(v => !byName.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"the script uses sqlcmd variables that were not given: {string.Join(", ", missing)}", nameof(variables));
        }

        return Variable().Replace(script, m => byName[m.Groups[1].Value]);
    }

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex Variable();
}
