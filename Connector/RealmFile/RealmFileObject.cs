using System.Collections.Immutable;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// One object read from a file: its object key and its property values in the order of
/// <see cref="Connector.RealmSchema.RealmClass.Properties"/>. Links are <see cref="ObjectLinkValue"/>s.
/// </summary>
public sealed record RealmFileObject(string ClassName, long ObjKey, ImmutableArray<RealmValue> Values)
{
    public bool Equals(RealmFileObject? other) =>
        other is not null && ClassName == other.ClassName && ObjKey == other.ObjKey && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(ClassName, ObjKey);
}
