using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary>
/// <c>ADD_TYPE</c>: a new class; <see cref="PrimaryKey"/> is null when it has none. <see cref="Embedded"/> and
/// <see cref="Asymmetric"/> are the protocol's optional flags, null when absent: the original Adapter never wrote
/// them, so an absent flag says nothing about a class that is already mapped.
/// </summary>
public sealed record AddTypeInstruction(
    string ObjectType,
    ImmutableArray<RealmProperty> Properties,
    string? PrimaryKey = null,
    bool? Embedded = null,
    bool? Asymmetric = null)
    : SchemaInstruction(ObjectType, Properties)
{
    /// <summary>The kind of a class the instruction adds: top-level unless a flag says otherwise.</summary>
    public ClassKind Kind => Embedded == true ? ClassKind.Embedded : Asymmetric == true ? ClassKind.Asymmetric : ClassKind.TopLevel;

    /// <summary>The ADD_TYPE of <paramref name="realmClass"/>, with a flag only for an embedded or asymmetric class.</summary>
    public static AddTypeInstruction Of(RealmClass realmClass)
    {
        ArgumentNullException.ThrowIfNull(realmClass);
        return new AddTypeInstruction(
            realmClass.Name, realmClass.Properties, realmClass.PrimaryKey,
            realmClass.Kind == ClassKind.Embedded ? true : null,
            realmClass.Kind == ClassKind.Asymmetric ? true : null);
    }

    /// <summary>Whether a flag that is present says something else than <paramref name="kind"/>.</summary>
    public bool Contradicts(ClassKind kind) =>
        (Embedded is { } embedded && embedded != (kind == ClassKind.Embedded)) ||
        (Asymmetric is { } asymmetric && asymmetric != (kind == ClassKind.Asymmetric));
}
