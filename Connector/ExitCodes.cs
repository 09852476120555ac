namespace Connector;

/// <summary>Process exit codes, documented in README.md (Operations).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Unexpected failure (a bug): the stack trace is printed.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
    /// <summary>An input file is missing, unreadable or invalid (schema, JSON, .realm file, instructions).</summary>
    public const int BadInput = 3;
    /// <summary>An output location cannot be written.</summary>
    public const int Output = 4;
    /// <summary>Generated SQL failed its own validation: nothing was written.</summary>
    public const int InvalidSql = 5;
    /// <summary>The configuration file is missing or invalid (every failure is listed).</summary>
    public const int Configuration = 6;
    /// <summary>SQL Server cannot be reached, or refuses the login or the database.</summary>
    public const int SqlUnavailable = 7;
    /// <summary>The database is reachable but not ready (catalog, Change Tracking, snapshot isolation, permissions).</summary>
    public const int NotReady = 8;
    /// <summary>A pass stopped a Realm path (a bad transaction with OnBadTransaction = stop, or a schema change awaiting a DBA).</summary>
    public const int Stopped = 9;
}
