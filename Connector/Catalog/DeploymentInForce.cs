using Connector.SchemaGeneration;

namespace Connector.Catalog;

/// <summary>The newest realmsync.SchemaDeployment of a Realm path: the mapping in force and the dacpac it came from.</summary>
public sealed record DeploymentInForce(int DeploymentId, SchemaMapping Mapping, byte[] Dacpac);
