using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// The result of <see cref="TransactionApplier.ApplyAsync"/>: its status, the conflicts recorded, and for
/// <see cref="ApplyStatus.SchemaScriptNeeded"/> the deployment a DBA must run with the mapping it grows from.
/// </summary>
public sealed record ApplyOutcome(ApplyStatus Status, int Conflicts = 0, SchemaDeployment? PendingSchema = null, SchemaMapping? PreviousMapping = null);
