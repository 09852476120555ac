namespace Connector.Adapter;

/// <summary>One Adapter instruction (ADAPTER-PROTOCOL.md section 2); <see cref="ObjectType"/> is the class name.</summary>
public abstract record Instruction(string ObjectType);
