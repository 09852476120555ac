using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// The classes and objects of one Realm: objects by class and identity, each a map of the properties ever written
/// (a property never written has its Realm default). Values are immutable records: a to-one link is the target's
/// identity, a list of objects a <see cref="ListValue"/> of identities, a set a <see cref="ListValue"/> in insertion
/// order without repeats, a dictionary a <see cref="DictionaryValue"/>.
/// </summary>
internal sealed class ModelState
{
    public Dictionary<string, RealmClass> Classes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<RealmValue, Dictionary<string, RealmValue>>> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>A copy to apply a transaction to: values are shared (immutable), the maps holding them are not.</summary>
    public ModelState Copy()
    {
        var copy = new ModelState();
        foreach (var (name, realmClass) in Classes)
        {
            copy.Classes[name] = realmClass;
        }

        foreach (var (name, objects) in Objects)
        {
            copy.Objects[name] = objects.ToDictionary(o => o.Key, o => new Dictionary<string, RealmValue>(o.Value, StringComparer.Ordinal));
        }

        return copy;
    }

    public RealmClass Class(string name) =>
        Classes.TryGetValue(name, out var found) ? found : throw new ModelInputException($"class '{name}' has no ADD_TYPE");

    public Dictionary<string, RealmValue> Object(string className, RealmValue identity) =>
        Objects[Class(className).Name].TryGetValue(identity, out var found)
            ? found
            : throw new ModelInputException($"{Describe(className, identity)} does not exist");

    public bool Exists(string className, RealmValue identity) =>
        Objects.TryGetValue(className, out var objects) && objects.ContainsKey(identity);

    public static string Describe(string className, RealmValue identity) => $"{className} {AdapterValueWriter.ToJson(identity)}";
}
