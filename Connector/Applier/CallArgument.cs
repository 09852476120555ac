namespace Connector.Applier;

/// <summary>One argument of a <see cref="PlannedCall"/>, named as the procedure's parameter (<c>@rows</c>).</summary>
public abstract record CallArgument(string Name);
