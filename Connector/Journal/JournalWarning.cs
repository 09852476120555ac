namespace Connector.Journal;

/// <summary>Something found in the journal directory that is not part of the journal and was left alone.</summary>
public sealed record JournalWarning(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
