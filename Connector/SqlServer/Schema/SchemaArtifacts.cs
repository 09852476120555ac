using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>What <c>bootstrap</c> writes: the dacpac and <c>deploy.sql</c>, with the mapping they came from.</summary>
public sealed record SchemaArtifacts(SchemaMapping Mapping, byte[] Dacpac, string DeployScript);
