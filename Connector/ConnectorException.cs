namespace Connector;

/// <summary>
/// The one base of every error the connector raises on purpose. The CLI catches it, prints its message
/// (which names the input and the fix) and exits with <see cref="ExitCode"/>.
/// </summary>
public class ConnectorException : Exception
{
    public ConnectorException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public int ExitCode { get; }
}
