namespace Connector.SqlServer.Schema;

/// <summary>Generated SQL failed the connector's own checks; nothing was written or run.</summary>
public sealed class SqlValidationException : ConnectorException
{
    public SqlValidationException(string what, IReadOnlyList<string> messages)
        : base(
            $"{what} ({messages.Count} message(s)); nothing was written. This is a bug in realm-sqlserver: " +
            "please report it with the input that caused it.\n  " + string.Join("\n  ", messages),
            ExitCodes.InvalidSql) => Messages = messages;

    public IReadOnlyList<string> Messages { get; }
}
