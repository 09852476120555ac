using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// A link as the file stores it: the target class and the target's object key. The target's identity (its
/// primary key) is resolved separately, see <see cref="RealmFileReader.TryResolvePrimaryKey"/>. An unresolved
/// link points at a tombstone (the target was deleted while links to it remained); <see cref="ObjKey"/> is
/// then the tombstone's key.
/// </summary>
public sealed record ObjectLinkValue(string TargetClass, long ObjKey, bool Unresolved = false) : RealmValue
{
    /// <summary>A stored object key: keys of -2 and below mark a tombstone, whose own key is -2 - key.</summary>
    internal static ObjectLinkValue FromStoredKey(string targetClass, long key) =>
        key <= -2 ? new ObjectLinkValue(targetClass, -2 - key, true) : new ObjectLinkValue(targetClass, key);
}
