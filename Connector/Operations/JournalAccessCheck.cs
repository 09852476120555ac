namespace Connector.Operations;

/// <summary><c>doctor</c>'s offline check: the journal root exists and this process can create and delete a file in it.</summary>
public static class JournalAccessCheck
{
    public const string Name = "journal";

    public static CheckResult Check(string journalPath)
    {
        if (string.IsNullOrWhiteSpace(journalPath))
        {
            return CheckResult.Fail(Name, "RealmSqlServer:Realm:JournalPath is not set.", "set it to the journal root folder.");
        }

        if (!Directory.Exists(journalPath))
        {
            return CheckResult.Fail(Name, $"'{journalPath}' does not exist.",
                $"create it and give the service user write access (on Linux: install -d -o realm-sqlserver -g realm-sqlserver '{journalPath}').");
        }

        var probe = Path.Combine(journalPath, $".doctor-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return CheckResult.Pass(Name, $"'{journalPath}' exists and is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CheckResult.Fail(Name, $"'{journalPath}' is not writable by user {Environment.UserName}: {e.Message}",
                "give the service user write access to the folder (and ReadWritePaths= in the systemd unit).");
        }
    }
}
