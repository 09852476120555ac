using System.Globalization;

namespace Connector.Applier;

/// <summary>
/// The inbound applier's settings (README "Configuration"). <see cref="Parse"/> reads the configuration's text
/// values and reports every problem at once, each naming the key, the value and the fix.
/// </summary>
public sealed record ApplierOptions(
    SchemaApplyMode ApplyMode = SchemaApplyMode.Auto,
    BadTransactionPolicy OnBadTransaction = BadTransactionPolicy.Stop,
    ConflictPolicy ConflictPolicy = ConflictPolicy.SqlWins,
    int MaxRetries = 5,
    TimeSpan? RetryDelay = null)
{
    public const string ApplyModeKey = "Schema.ApplyMode";
    public const string OnBadTransactionKey = "Sync.OnBadTransaction";
    public const string ConflictPolicyKey = "Sync.ConflictPolicy";
    public const string MaxRetriesKey = "Sync.MaxRetries";
    public const string RetryDelayKey = "Sync.RetryDelay";

    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);
    public const int MaxRetriesLimit = 100;

    public TimeSpan EffectiveRetryDelay => RetryDelay ?? DefaultRetryDelay;

    /// <summary>The text the catalog records for a policy (realmsync.Conflict.Policy).</summary>
    public static string PolicyText(ConflictPolicy policy) => policy == ConflictPolicy.RealmWins ? "realm-wins" : "sql-wins";

    /// <summary>Options from configuration text; a null or empty value takes the default.</summary>
    /// <exception cref="ConnectorException">Any value is invalid; the message lists every one.</exception>
    public static ApplierOptions Parse(string? applyMode, string? onBadTransaction, string? conflictPolicy, int? maxRetries = null, TimeSpan? retryDelay = null)
    {
        var problems = new List<string>();
        var options = new ApplierOptions(
            Choose(ApplyModeKey, applyMode, SchemaApplyMode.Auto, problems, ("auto", SchemaApplyMode.Auto), ("script", SchemaApplyMode.Script)),
            Choose(OnBadTransactionKey, onBadTransaction, BadTransactionPolicy.Stop, problems, ("stop", BadTransactionPolicy.Stop), ("skip", BadTransactionPolicy.Skip)),
            Choose(ConflictPolicyKey, conflictPolicy, ConflictPolicy.SqlWins, problems, ("sql-wins", ConflictPolicy.SqlWins), ("realm-wins", ConflictPolicy.RealmWins)),
            maxRetries ?? 5,
            retryDelay);
        problems.AddRange(options.Validate());
        return problems.Count == 0 ? options : throw new ConnectorException(string.Join(Environment.NewLine, problems), ExitCodes.Usage);
    }

    /// <summary>Every problem with the numeric settings (the enumerations are valid by construction).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{MaxRetriesKey} = {MaxRetries}: must be between 0 (no retry) and {MaxRetriesLimit}; the default is 5."));
        }

        if (RetryDelay is { } delay && (delay <= TimeSpan.Zero || delay > MaxRetryDelay))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{RetryDelayKey} = {delay}: must be above 00:00:00 and at most {MaxRetryDelay}; the default is {DefaultRetryDelay}."));
        }

        return problems;
    }

    private static T Choose<T>(string key, string? text, T fallback, List<string> problems, params (string Text, T Value)[] choices)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        problems.Add($"{key} = '{text}': not a known value; use {string.Join(" or ", choices.Select(c => $"'{c.Text}'"))}.");
        return fallback;
    }
}
