namespace Connector.Journal;

/// <summary>
/// A journal that cannot be read or written as the protocol says (ADAPTER-PROTOCOL.md section 4): an unsafe
/// or malformed realm key, a path that leaves the journal root, a line too large, versions out of order.
/// The message names the path, the segment and the line, and says what to fix.
/// </summary>
public sealed class JournalException : ConnectorException
{
    public JournalException(string message, Exception? inner = null)
        : base(message, ExitCodes.BadInput, inner)
    {
    }
}
