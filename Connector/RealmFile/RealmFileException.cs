namespace Connector.RealmFile;

/// <summary>
/// A <c>.realm</c> file the reader cannot decode: encrypted, an unsupported format, truncated or corrupt. The
/// message names the file offset where the problem was found, so a bug report can point at the bytes.
/// </summary>
public sealed class RealmFileException : ConnectorException
{
    public RealmFileException(string message, Exception? inner = null)
        : base(message, ExitCodes.BadInput, inner)
    {
    }

    /// <summary>The problem found at <paramref name="offset"/> (a file offset in bytes).</summary>
    public static RealmFileException At(long offset, string problem) =>
        new($"Corrupt or unsupported Realm file: {problem} (at file offset {offset}).");
}
