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

                ModelValueLimits.Check(work, instruction, options.Limits);
                Apply(work, instruction, options.MixedLinks);
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

    /// <summary>One instruction on <paramref name="work"/>, without value limits or null-key refusals (the stream generator's step).</summary>
    internal static void Apply(ModelState work, Instruction instruction, MixedLinks mixedLinks)
    {
        switch (instruction)
        {
            case SchemaInstruction schema:
                ModelSchema.Apply(work, schema);
                break;
            case InsertInstruction insert:
                ModelObjects.Insert(work, insert, mixedLinks == MixedLinks.KeepUnresolved);
                break;
            case SetInstruction set:
                ModelObjects.Set(work, set, mixedLinks == MixedLinks.KeepUnresolved);
                break;
            case DeleteInstruction delete:
                ModelObjects.Delete(work, delete.ObjectType, ModelObjects.Identity(work.Class(delete.ObjectType), delete.Identity), mixedLinks);
                break;
            case ClearInstruction clear:
                ModelObjects.Clear(work, clear.ObjectType, mixedLinks);
                break;
            case ChangeIdentityInstruction change:
                ModelObjects.Rekey(work, change, change.NewIdentity, swap: false, mixedLinks);
                break;
            case SwapIdentityInstruction swap:
                ModelObjects.Rekey(work, swap, swap.SwapIdentity, swap: true, mixedLinks);
                break;
            case ListInstruction list:
                ModelLists.Apply(work, list);
                break;
            default:
                throw new ModelInputException($"unknown instruction {instruction.GetType().Name}");
        }
    }

    /// <summary>
    /// Realm's default of a property never written: null when optional (and for links and mixed), empty for a
    /// collection, else the type's zero (false, 0, "", no bytes, the epoch, decimal 0, the zero objectId and uuid),
    /// which a required property added by ADD_PROPERTIES reads on the objects that existed before it.
    /// </summary>
    private static RealmValue Default(RealmProperty property) => property.Collection switch
    {
        CollectionKind.None when property.IsNullable || property.Type == RealmPropertyType.Mixed => RealmValue.Null,
        CollectionKind.None => property.Type switch
        {
            RealmPropertyType.Bool => new BoolValue(false),
            RealmPropertyType.Int => new IntValue(0),
            RealmPropertyType.Float => new FloatValue(0f),
            RealmPropertyType.Double => new DoubleValue(0d),
            RealmPropertyType.String => new StringValue(string.Empty),
            RealmPropertyType.Data => new DataValue(ReadOnlyMemory<byte>.Empty),
            RealmPropertyType.Date => new TimestampValue(0, 0),
            RealmPropertyType.Decimal128 => new Decimal128Value("0"),
            RealmPropertyType.ObjectId => new ObjectIdValue(new string('0', 24)),
            RealmPropertyType.Uuid => new UuidValue(Guid.Empty),
            _ => RealmValue.Null,
        },
        CollectionKind.Dictionary => new DictionaryValue([]),
        _ => new ListValue([]),
    };
}
