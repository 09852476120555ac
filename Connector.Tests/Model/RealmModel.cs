using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// A reference model of one Realm, written from ADAPTER-PROTOCOL.md: it applies Adapter transactions as Realm
/// would (all-or-nothing, skipped at or below the last applied version of their Realm path) and answers with every
/// object's values, the oracle the databases are compared with. No database; values are coerced against their
/// properties by the production <see cref="ValueCoercion"/>, as the applier does.
/// </summary>
public sealed class RealmModel(ModelOptions? options = null)
{
    private readonly ModelOptions options = options ?? ModelOptions.Realm;
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);
    private ModelState state = new();

    public IReadOnlyCollection<RealmClass> Classes => state.Classes.Values;

    public long? LastVersion(string realmPath) => versions.TryGetValue(realmPath, out var version) ? version : null;

    /// <summary>The identities of the objects of <paramref name="className"/>.</summary>
    public IReadOnlyList<RealmValue> Identities(string className) => [.. state.Objects[className].Keys];

    /// <summary>Every property of an object but linkingObjects, in schema order; one never written has its Realm default.</summary>
    public ImmutableArray<KeyValuePair<string, RealmValue>> Values(string className, RealmValue identity)
    {
        var stored = state.Objects[className][identity];
        return [.. state.Classes[className].Properties
            .Where(p => p.Type != RealmPropertyType.LinkingObjects)
            .Select(p => KeyValuePair.Create(p.Name, stored.TryGetValue(p.Name, out var value) ? value : Default(p)))];
    }

    public ModelOutcome Apply(AdapterTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (LastVersion(transaction.RealmPath) >= transaction.Version)
        {
            return new ModelOutcome(ModelStatus.Skipped);
        }

        var work = state.Copy();
        var nullKeys = new ModelNullKeys();
        var leftOut = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < transaction.Instructions.Length; i++)
        {
            var instruction = transaction.Instructions[i];
            try
            {
                if (options.NullKeys == NullKeys.Refuse && nullKeys.Refusal(work, instruction) is { } refusedClass)
                {
                    (leftOut.TryGetValue(refusedClass, out var list) ? list : leftOut[refusedClass] = []).Add(i);
                    continue;
                }

                Apply(work, instruction);
            }
            catch (ModelInputException e)
            {
                return new ModelOutcome(ModelStatus.Refused, i, e.Message);
            }
            catch (AdapterFormatException e)
            {
                return new ModelOutcome(ModelStatus.Refused, i, $"{e.JsonPath}: {e.Problem}");
            }
        }

        state = work;
        versions[transaction.RealmPath] = transaction.Version;
        return new ModelOutcome(ModelStatus.Applied) { LeftOut = [.. leftOut.Select(c => new NullKeyRefusal(c.Key, [.. c.Value]))] };
    }

    private void Apply(ModelState work, Instruction instruction)
    {
        switch (instruction)
        {
            case SchemaInstruction schema:
                ModelSchema.Apply(work, schema);
                break;
            case InsertInstruction insert:
                ModelObjects.Insert(work, insert);
                break;
            case SetInstruction set:
                ModelObjects.Set(work, set);
                break;
            case DeleteInstruction delete:
                ModelObjects.Delete(work, delete.ObjectType, ModelObjects.Identity(work.Class(delete.ObjectType), delete.Identity), options.MixedLinks);
                break;
            case ClearInstruction clear:
                ModelObjects.Clear(work, clear.ObjectType, options.MixedLinks);
                break;
            case ChangeIdentityInstruction change:
                ModelObjects.Rekey(work, change, change.NewIdentity, swap: false, options.MixedLinks);
                break;
            case SwapIdentityInstruction swap:
                ModelObjects.Rekey(work, swap, swap.SwapIdentity, swap: true, options.MixedLinks);
                break;
            case ListInstruction list:
                ModelLists.Apply(work, list);
                break;
            default:
                throw new ModelInputException($"unknown instruction {instruction.GetType().Name}");
        }
    }

    private static RealmValue Default(RealmProperty property) => property.Collection switch
    {
        CollectionKind.None => RealmValue.Null,
        CollectionKind.Dictionary => new DictionaryValue([]),
        _ => new ListValue([]),
    };
}
