using System.Collections.Immutable;

namespace Connector.Tests.Model;

public enum ModelStatus
{
    Applied,

    /// <summary>At or below the last applied version of its Realm path: already applied, nothing changed.</summary>
    Skipped,

    /// <summary>Bad input: nothing of the transaction changed the model.</summary>
    Refused,
}

/// <summary>
/// What applying one transaction did. A refusal names the instruction (index in the transaction) and the reason;
/// <see cref="LeftOut"/> lists the instructions left out for a null primary key under <see cref="NullKeys.Refuse"/>.
/// </summary>
public sealed record ModelOutcome(ModelStatus Status, int? InstructionIndex = null, string? Reason = null)
{
    public ImmutableArray<NullKeyRefusal> LeftOut { get; init; } = [];

    public override string ToString() =>
        Status == ModelStatus.Refused ? $"Refused at instruction {InstructionIndex}: {Reason}" : Status.ToString();
}

/// <summary>The null-keyed object of <see cref="ClassName"/> left out, with the indexes of the instructions naming it.</summary>
public sealed record NullKeyRefusal(string ClassName, ImmutableArray<int> Instructions);

/// <summary>Bad input found while applying one instruction; the model turns it into a refused outcome.</summary>
internal sealed class ModelInputException(string reason) : Exception(reason);
