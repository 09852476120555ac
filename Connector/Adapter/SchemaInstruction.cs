using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary>An instruction that declares properties: <see cref="AddTypeInstruction"/>, <see cref="AddPropertiesInstruction"/>.</summary>
public abstract record SchemaInstruction(string ObjectType, ImmutableArray<RealmProperty> Properties) : Instruction(ObjectType)
{
    public virtual bool Equals(SchemaInstruction? other) =>
        other is not null && EqualityContract == other.EqualityContract && ObjectType == other.ObjectType &&
        Properties.SequenceEqual(other.Properties);

    public override int GetHashCode() => HashCode.Combine(ObjectType, Properties.Length);
}
