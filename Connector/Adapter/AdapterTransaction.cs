using System.Collections.Immutable;

namespace Connector.Adapter;

/// <summary>One transaction (ADAPTER-PROTOCOL.md section 1): instructions for one Realm path, applied all-or-nothing.</summary>
public sealed record AdapterTransaction(
    string RealmPath,
    long Version,
    ImmutableArray<Instruction> Instructions,
    ChangeTrackingSource? Source = null)
{
    public bool Equals(AdapterTransaction? other) =>
        other is not null && RealmPath == other.RealmPath && Version == other.Version && Source == other.Source &&
        Instructions.SequenceEqual(other.Instructions);

    public override int GetHashCode() => HashCode.Combine(RealmPath, Version, Instructions.Length);
}
