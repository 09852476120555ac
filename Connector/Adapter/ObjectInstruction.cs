namespace Connector.Adapter;

/// <summary>
/// An instruction on one object. <see cref="Identity"/> is its primary-key value (<see cref="StringValue"/>,
/// <see cref="IntValue"/> or <see cref="NullValue"/>), or the opaque sync object id string for a class without one.
/// </summary>
public abstract record ObjectInstruction(string ObjectType, RealmValue Identity) : Instruction(ObjectType);
