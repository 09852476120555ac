using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmFile;
using Connector.RealmSchema;

namespace Connector.InitialLoad;

/// <summary>
/// Turns a <c>.realm</c> file into the Adapter transactions that recreate its content in an empty Realm (the
/// initial load): every <c>ADD_TYPE</c> (<see cref="ClassOrder"/>), then one <c>INSERT</c> per object with its
/// values, then the links: a <c>SET</c> per object for to-one links, sets and dictionaries of objects and Mixed
/// values holding links, and <c>LIST_INSERT</c>s for lists of objects. Links come last so that every link names
/// an object inserted before it (ADAPTER-PROTOCOL.md section 2, causal order). Objects are read class by class,
/// twice (values, then links), and never held: each transaction is handed on as soon as it is full.
/// </summary>
public sealed class InitialLoadWriter
{
    private readonly RealmFileReader reader;
    private readonly ObjectIdentities identities;
    private readonly TransactionBatcher batcher;
    private readonly TextWriter progress;

    private InitialLoadWriter(RealmFileReader reader, InitialLoadOptions options, Action<AdapterTransaction> emit, TextWriter progress)
    {
        this.reader = reader;
        this.progress = progress;
        identities = new ObjectIdentities(reader);
        batcher = new TransactionBatcher(options.RealmPath, options.TransactionSize, emit);
    }

    /// <summary>Writes the whole file through <paramref name="emit"/>; objects per class go to <paramref name="progress"/>.</summary>
    /// <exception cref="RealmFileException">The file cannot be read.</exception>
    /// <exception cref="AdapterFormatException">A value has no Adapter encoding (the message names class, object and property).</exception>
    public static InitialLoadSummary Write(
        RealmFileReader reader, InitialLoadOptions options, Action<AdapterTransaction> emit, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TransactionSize, 1);
        return new InitialLoadWriter(reader, options, emit, progress).Write();
    }

    private InitialLoadSummary Write()
    {
        var classes = ClassOrder.Sort(reader.Schema);
        foreach (var realmClass in classes)
        {
            batcher.Add(AddTypeInstruction.Of(realmClass));
        }

        var counts = ImmutableArray.CreateBuilder<KeyValuePair<string, long>>(classes.Length);
        foreach (var realmClass in classes)
        {
            counts.Add(KeyValuePair.Create(realmClass.Name, InsertObjects(realmClass)));
            progress.WriteLine($"{realmClass.Name}: {counts[^1].Value:N0} objects");
        }

        foreach (var realmClass in classes.Where(c => c.Properties.Any(MayHoldLinks)))
        {
            foreach (var realmObject in reader.ReadObjects(realmClass.Name))
            {
                WriteLinks(realmClass, realmObject);
            }
        }

        batcher.Flush();
        return new InitialLoadSummary(counts.MoveToImmutable(), batcher.Transactions, batcher.Instructions, identities.DroppedLinks);
    }

    private long InsertObjects(RealmClass realmClass)
    {
        long count = 0;
        var keyIndex = realmClass.PrimaryKeyProperty is { } key ? realmClass.Properties.IndexOf(key) : -1;
        foreach (var realmObject in reader.ReadObjects(realmClass.Name))
        {
            var identity = keyIndex >= 0 ? realmObject.Values[keyIndex] : ObjectIdentities.FromObjectKey(realmObject.ObjKey);
            var values = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>();
            if (keyIndex >= 0)
            {
                // The Adapter's INSERT starts with the primary key (ADAPTER-PROTOCOL.md section 2).
                values.Add(KeyValuePair.Create(realmClass.PrimaryKey!, identity));
            }

            for (var i = 0; i < realmClass.Properties.Length; i++)
            {
                var (property, value) = (realmClass.Properties[i], realmObject.Values[i]);
                if (i != keyIndex && property.Type != RealmPropertyType.LinkingObjects && !IsLinkValue(property, value))
                {
                    values.Add(KeyValuePair.Create(property.Name, Coerce(value, property, realmObject)));
                }
            }

            batcher.Add(new InsertInstruction(realmClass.Name, identity, new PropertyValues(values.ToImmutable())));
            count++;
        }

        return count;
    }

    private void WriteLinks(RealmClass realmClass, RealmFileObject realmObject)
    {
        var identity = identities.Of(realmClass.Name, realmObject.ObjKey)!;
        var values = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>();
        var lists = new List<(RealmProperty Property, ImmutableArray<RealmValue> Targets)>();
        for (var i = 0; i < realmClass.Properties.Length; i++)
        {
            var (property, value) = (realmClass.Properties[i], realmObject.Values[i]);
            if (!IsLinkValue(property, value))
            {
                continue;
            }

            var translated = identities.Translate(value, property.Type == RealmPropertyType.Mixed);
            if (property is { Collection: CollectionKind.List, Type: RealmPropertyType.Object })
            {
                lists.Add((property, ((ListValue)translated).Items));
            }
            else if (!IsDefault(translated, property))
            {
                values.Add(KeyValuePair.Create(property.Name, Coerce(translated, property, realmObject)));
            }
        }

        if (values.Count > 0)
        {
            batcher.Add(new SetInstruction(realmClass.Name, identity, new PropertyValues(values.ToImmutable())));
        }

        foreach (var (property, targets) in lists)
        {
            for (var index = 0; index < targets.Length; index++)
            {
                batcher.Add(new ListInsertInstruction(realmClass.Name, identity, property.Name, index, targets[index]));
            }
        }
    }

    private static bool MayHoldLinks(RealmProperty property) => property.Type is RealmPropertyType.Object or RealmPropertyType.Mixed;

    /// <summary>Whether the value is written with the links rather than with the INSERT.</summary>
    private static bool IsLinkValue(RealmProperty property, RealmValue value) =>
        property.Type == RealmPropertyType.Object || (property.Type == RealmPropertyType.Mixed && ObjectIdentities.ContainsLink(value));

    /// <summary>A link property the INSERT left out reads as null, or as an empty set or dictionary: no SET needed.</summary>
    private static bool IsDefault(RealmValue value, RealmProperty property) =>
        value is NullValue || (property.Type == RealmPropertyType.Object &&
            ((value is ListValue list && list.Items.IsEmpty) || (value is DictionaryValue d && d.Entries.IsEmpty)));

    private static RealmValue Coerce(RealmValue value, RealmProperty property, RealmFileObject realmObject) =>
        ValueCoercion.Coerce(value, property, $"class '{realmObject.ClassName}', object key {realmObject.ObjKey}, property '{property.Name}'");
}
