namespace Connector.Adapter;

/// <summary>Binary data; equality compares the bytes.</summary>
public sealed record DataValue(ReadOnlyMemory<byte> Bytes) : RealmValue
{
    public bool Equals(DataValue? other) => other is not null && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override int GetHashCode() => Bytes.Length;
}
