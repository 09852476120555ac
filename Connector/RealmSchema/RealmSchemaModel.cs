using System.Collections.Immutable;

namespace Connector.RealmSchema;

/// <summary>A whole Realm schema: its classes in the order they were declared.</summary>
public sealed record RealmSchemaModel(ImmutableArray<RealmClass> Classes)
{
    public RealmClass? Find(string className)
    {
        foreach (var realmClass in Classes)
        {
            if (string.Equals(realmClass.Name, className, StringComparison.Ordinal))
            {
                return realmClass;
            }
        }

        return null;
    }

    public bool Equals(RealmSchemaModel? other) => other is not null && Classes.SequenceEqual(other.Classes);

    public override int GetHashCode() => Classes.Length;
}
