namespace Connector.SchemaGeneration;

/// <summary>
/// A planned incremental deployment: the new mapping and dacpac, DacFx's script as generated, and its plain
/// T-SQL batches (SQLCMD directives removed) that the applier runs.
/// </summary>
public sealed record SchemaDeployment(SchemaMapping Mapping, byte[] Dacpac, string DacFxScript, IReadOnlyList<string> Batches, string Reason);
