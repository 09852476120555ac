namespace Connector.Operations;

/// <summary>One line of <c>doctor</c> or <c>install</c>: a check, whether it passed, what was found, and the fix.</summary>
public sealed record CheckResult(string Name, CheckOutcome Outcome, string Detail, string? Fix = null)
{
    public static CheckResult Pass(string name, string detail) => new(name, CheckOutcome.Pass, detail);

    public static CheckResult Fail(string name, string detail, string fix) => new(name, CheckOutcome.Fail, detail, fix);

    public static CheckResult Warn(string name, string detail, string fix) => new(name, CheckOutcome.Warn, detail, fix);

    public bool Failed => Outcome == CheckOutcome.Fail;

    public string Line() => Fix is null
        ? $"[{Label}] {Name}: {Detail}"
        : $"[{Label}] {Name}: {Detail} Fix: {Fix}";

    private string Label => Outcome switch
    {
        CheckOutcome.Pass => "ok",
        CheckOutcome.Warn => "warn",
        _ => "FAIL",
    };
}
