namespace Connector.Adapter;

/// <summary><c>SWAP_IDENTITY</c> (legacy): two objects without primary key swapped identities.</summary>
public sealed record SwapIdentityInstruction(string ObjectType, RealmValue Identity, RealmValue SwapIdentity)
    : ObjectInstruction(ObjectType, Identity);
