namespace Connector.Adapter;

/// <summary><c>CHANGE_IDENTITY</c> (legacy): an object without primary key now has <see cref="NewIdentity"/>.</summary>
public sealed record ChangeIdentityInstruction(string ObjectType, RealmValue Identity, RealmValue NewIdentity)
    : ObjectInstruction(ObjectType, Identity);
