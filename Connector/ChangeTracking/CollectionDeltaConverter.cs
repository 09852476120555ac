using System.Collections.Immutable;
using System.Data.Common;
using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;

namespace Connector.ChangeTracking;

/// <summary>
/// Turns collection rows (<see cref="CollectionRow"/> shape, grouped by owner) into instructions, one owner at a
/// time: a list of objects as <c>LIST_CLEAR</c> then <c>LIST_INSERT</c>s in position order; any other collection
/// whole in a <c>SET</c>'s values (the Adapter has no instructions for them). Owners that no longer exist are
/// skipped: their DELETE removes the collection in Realm. Holds one owner's elements at most.
/// </summary>
public sealed class CollectionDeltaConverter
{
    private readonly ClassMapping owner;
    private readonly PropertyMapping property;
    private readonly SqlTableDefinition table;
    private readonly ClassMapping? target;
    private readonly Func<object, RealmValue> ownerIdentity;
    private readonly List<KeyValuePair<string, RealmValue>> elements = [];
    private object? current;
    private bool currentPresent;

    internal CollectionDeltaConverter(ClassMapping owner, PropertyMapping property, SqlTableDefinition table, ClassMapping? target, Func<object, RealmValue> ownerIdentity)
    {
        this.owner = owner;
        this.property = property;
        this.table = table;
        this.target = target;
        this.ownerIdentity = ownerIdentity;
    }

    /// <summary>Owners seen so far (for paging: a page is full when it held <c>@pageSize</c> owners).</summary>
    public int Owners { get; private set; }

    /// <summary>The last owner key seen, as read.</summary>
    public object? LastOwner => current;

    /// <summary>Adds one row; an owner's instructions are written once its last row has been read.</summary>
    public void Add(DbDataReader row, ICollection<Instruction> output)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(output);
        var ownerKey = row.GetValue(CollectionRow.Owner);
        if (current is null || !KeyComparer.Instance.Equals(current, ownerKey))
        {
            Complete(output);
            current = ownerKey;
            currentPresent = !row.IsDBNull(CollectionRow.OwnerPresent);
            Owners++;
        }

        if (!currentPresent || row.IsDBNull(CollectionRow.Order))
        {
            return;
        }

        try
        {
            var name = table.Role == TableRole.Dictionary ? row.GetString(CollectionRow.Order) : string.Empty;
            var value = target is null
                ? SqlValueDecoder.Decode(row, CollectionRow.Element, property.Property.Type)
                : DeltaConverter.Identity(target, row.GetValue(CollectionRow.Element));
            elements.Add(KeyValuePair.Create(name, value));
        }
        catch (Exception e) when (e is AdapterFormatException or InvalidCastException or ArgumentException)
        {
            throw new ChangeTrackingException(
                $"A row of table [{table.Schema}].[{table.Name}] (owner '{ownerKey}') cannot be sent to Realm: {e.Message}. Correct the row in SQL Server; the next pass sends it.", e);
        }
    }

    /// <summary>Writes the instructions of the owner still open; call after the last row of a page.</summary>
    public void Complete(ICollection<Instruction> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (current is null || !currentPresent)
        {
            elements.Clear();
            return;
        }

        var className = owner.Class.Name;
        var name = property.Property.Name;
        var identity = ownerIdentity(current);
        switch (table.Role)
        {
            case TableRole.LinkList:
                output.Add(new ListClearInstruction(className, identity, name));
                for (var i = 0; i < elements.Count; i++)
                {
                    output.Add(new ListInsertInstruction(className, identity, name, i, elements[i].Value));
                }

                break;
            case TableRole.Dictionary:
                output.Add(Set(className, identity, name, new DictionaryValue([.. elements])));
                break;
            default:
                output.Add(Set(className, identity, name, new ListValue([.. elements.Select(e => e.Value)])));
                break;
        }

        elements.Clear();
        currentPresent = false;
    }

    private static SetInstruction Set(string className, RealmValue identity, string name, RealmValue value) =>
        new(className, identity, new PropertyValues([KeyValuePair.Create(name, value)]));
}
