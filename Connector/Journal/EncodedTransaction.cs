namespace Connector.Journal;

/// <summary>One outbound transaction, already encoded as one line of UTF-8 JSON (without <c>\n</c>), with the
/// version that line carries.</summary>
public readonly record struct EncodedTransaction(long Version, ReadOnlyMemory<byte> Utf8Json);
