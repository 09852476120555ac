using System.Collections.Immutable;

namespace Connector.Applier;

/// <summary>
/// One call of a generated procedure (in schema realmsync), covering instructions
/// <see cref="FirstInstruction"/>..<see cref="LastInstruction"/> of its transaction. The executor sends it with
/// parameters; <c>plan</c> prints it with literals: both from this one description. The Change Tracking
/// context argument is added by both, not listed here.
/// </summary>
public sealed record PlannedCall(
    string Procedure,
    CallKind Kind,
    string ClassName,
    ImmutableArray<CallArgument> Arguments,
    int FirstInstruction,
    int LastInstruction)
{
    public bool Equals(PlannedCall? other) =>
        other is not null && Procedure == other.Procedure && Kind == other.Kind && ClassName == other.ClassName &&
        FirstInstruction == other.FirstInstruction && LastInstruction == other.LastInstruction &&
        Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Procedure, FirstInstruction);
}
