namespace Connector.Adapter;

/// <summary><c>CLEAR</c>: delete every object of the class.</summary>
public sealed record ClearInstruction(string ObjectType) : Instruction(ObjectType);
