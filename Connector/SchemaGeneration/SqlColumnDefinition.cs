namespace Connector.SchemaGeneration;

public sealed record SqlColumnDefinition(string Name, string SqlType, bool Nullable);
