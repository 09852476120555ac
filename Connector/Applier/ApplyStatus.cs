namespace Connector.Applier;

/// <summary>What became of one inbound transaction.</summary>
public enum ApplyStatus
{
    Applied,

    /// <summary>The cursor already stood at or above its version (an earlier attempt's commit did succeed, or another node applied it): nothing was changed.</summary>
    AlreadyApplied,

    /// <summary>It needs a schema change and <c>Schema.ApplyMode</c> is <c>script</c>: nothing was changed.</summary>
    SchemaScriptNeeded,
}
