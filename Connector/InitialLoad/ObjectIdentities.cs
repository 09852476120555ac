using System.Collections.Immutable;
using System.Globalization;
using Connector.Adapter;
using Connector.RealmFile;

namespace Connector.InitialLoad;

/// <summary>
/// The Adapter identity of every object of a file, and links translated to identities. Holds the primary keys of
/// the classes that links target (one value per object, read once per class), never whole objects.
/// </summary>
public sealed class ObjectIdentities(RealmFileReader reader)
{
    /// <summary>Links whose target is a tombstone or missing, dropped so far.</summary>
    public long DroppedLinks { get; private set; }

    /// <summary>
    /// The identity of an object of a class without a primary key (embedded classes included): the file's object
    /// key as <c>{objkey-17}</c>. It is stable for one file (the key never changes while the object lives) and
    /// cannot collide with another object of the class; it is not the sync object id, which a file copy lacks.
    /// </summary>
    public static StringValue FromObjectKey(long objKey) =>
        new("{objkey-" + objKey.ToString(CultureInfo.InvariantCulture) + "}");

    /// <summary>The identity of object <paramref name="objKey"/> of a class, or null when it has none (a tombstone).</summary>
    public RealmValue? Of(string className, long objKey)
    {
        if (reader.Schema.Find(className)?.PrimaryKey is null)
        {
            return FromObjectKey(objKey);
        }

        return reader.TryResolvePrimaryKey(className, objKey, out var key) ? key : null;
    }

    /// <summary>The target's identity, or null (counted as dropped) when the link points at a deleted object.</summary>
    public RealmValue? Resolve(ObjectLinkValue link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var identity = link.Unresolved ? null : Of(link.TargetClass, link.ObjKey);
        if (identity is null)
        {
            DroppedLinks++;
        }

        return identity;
    }

    /// <summary>
    /// A property value with every link replaced: a link (to-one or a collection element) by its target's identity,
    /// a link inside Mixed by a <see cref="LinkValue"/>. Dropped links become null, or vanish from a list or set.
    /// </summary>
    public RealmValue Translate(RealmValue value, bool insideMixed) => value switch
    {
        ObjectLinkValue link => TranslateLink(link, insideMixed) ?? RealmValue.Null,
        ListValue list => list with { Items = TranslateItems(list.Items, insideMixed) },
        DictionaryValue dictionary => dictionary with
        {
            Entries = dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, Translate(e.Value, insideMixed))).ToImmutableArray(),
        },
        _ => value,
    };

    /// <summary>Whether the value holds a link anywhere (a Mixed value may, inside a list or dictionary too).</summary>
    public static bool ContainsLink(RealmValue value) => value switch
    {
        ObjectLinkValue => true,
        ListValue list => list.Items.Any(ContainsLink),
        DictionaryValue dictionary => dictionary.Entries.Any(e => ContainsLink(e.Value)),
        _ => false,
    };

    private RealmValue? TranslateLink(ObjectLinkValue link, bool insideMixed) =>
        Resolve(link) is { } identity ? (insideMixed ? new LinkValue(link.TargetClass, identity) : identity) : null;

    private ImmutableArray<RealmValue> TranslateItems(ImmutableArray<RealmValue> items, bool insideMixed)
    {
        var translated = ImmutableArray.CreateBuilder<RealmValue>(items.Length);
        foreach (var item in items)
        {
            // A dropped link leaves a list or set, as Realm removes a deleted object from every list.
            if ((item is ObjectLinkValue link ? TranslateLink(link, insideMixed) : Translate(item, insideMixed)) is { } element)
            {
                translated.Add(element);
            }
        }

        return translated.ToImmutable();
    }
}
