using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Generators;

/// <summary>
/// One intent made valid instructions (or nothing, when the state offers nothing it could name): the kind chooses
/// the instruction by weight, the pick the class or object among those that qualify.
/// </summary>
internal static class StreamIntents
{
    public static void Apply(TransactionBuilder builder, ValidStreams.Intent intent, SchemaLimits limits)
    {
        var state = builder.State;
        var topLevel = state.Classes.Where(c => c.Kind == ClassKind.TopLevel).ToList();
        switch (intent.Kind)
        {
            case < 30:
                StreamObjects.Insert(builder, Pick(topLevel, intent.Pick));
                break;
            case < 50 when Objects(state, state.Classes) is { Count: > 0 } objects:
                var (setClass, setIdentity) = Pick(objects, intent.Pick);
                StreamObjects.Set(builder, setClass, setIdentity);
                break;
            case >= 50 and < 58 when Objects(state, topLevel) is { Count: > 0 } objects:
                var (deleteClass, deleteIdentity) = Pick(objects, intent.Pick);
                builder.Emit(new DeleteInstruction(deleteClass.Name, deleteIdentity));
                break;
            case >= 58 and < 60:
                builder.Emit(new ClearInstruction(Pick(topLevel, intent.Pick).Name));
                break;
            case >= 60 and < 84:
                StreamLists.Apply(builder, intent);
                break;
            case >= 84 and < 92 when Objects(state, topLevel.Where(c => c.PrimaryKey is null)) is { Count: > 0 } keyless:
                Rekey(builder, keyless, intent);
                break;
            case >= 92 and < 97:
                StreamSchemaGrowth.AddProperties(builder, Pick([.. state.Classes], intent.Pick), limits);
                break;
            case >= 97:
                StreamSchemaGrowth.AddType(builder, limits);
                break;
        }
    }

    public static T Pick<T>(IReadOnlyList<T> items, int pick) => items[pick % items.Count];

    /// <summary>Every object of <paramref name="classes"/>, class by class in schema order (deterministic).</summary>
    public static List<(RealmClass Class, RealmValue Identity)> Objects(StreamState state, IEnumerable<RealmClass> classes) =>
        [.. classes.SelectMany(c => state.Objects(c.Name).Select(o => (c, o)))];

    /// <summary>CHANGE_IDENTITY to a new opaque identity, or SWAP_IDENTITY with another object of the class: only for classes without primary key.</summary>
    private static void Rekey(TransactionBuilder builder, List<(RealmClass Class, RealmValue Identity)> keyless, ValidStreams.Intent intent)
    {
        var (realmClass, identity) = Pick(keyless, intent.Pick);
        var others = keyless.Where(o => o.Class == realmClass && !o.Identity.Equals(identity)).Select(o => o.Identity).ToList();
        if (intent.Kind < 88 || others.Count == 0)
        {
            builder.Emit(new ChangeIdentityInstruction(realmClass.Name, identity, StreamObjects.NewIdentity(builder, realmClass)));
        }
        else
        {
            builder.Emit(new SwapIdentityInstruction(realmClass.Name, identity, builder.Pick(others)));
        }
    }
}
