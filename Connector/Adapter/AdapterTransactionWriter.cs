using System.Text.Json;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary>Encodes one transaction; fields in the order a person reads them (type, object_type, identity...).</summary>
internal static class AdapterTransactionWriter
{
    public static void Write(Utf8JsonWriter writer, AdapterTransaction transaction)
    {
        writer.WriteStartObject();
        writer.WriteString("realm_path", transaction.RealmPath);
        writer.WriteNumber("version", transaction.Version);
        if (transaction.Source is { } source)
        {
            writer.WriteStartObject("source");
            writer.WriteNumber("change_tracking_from", source.ChangeTrackingFrom);
            writer.WriteNumber("change_tracking_to", source.ChangeTrackingTo);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("instructions");
        for (var i = 0; i < transaction.Instructions.Length; i++)
        {
            try
            {
                WriteInstruction(writer, transaction.Instructions[i]);
            }
            catch (AdapterFormatException e)
            {
                throw e.Under(".instructions" + JsonReadContext.Element(i)).WithContext(transaction.Version, null);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteInstruction(Utf8JsonWriter writer, Instruction instruction)
    {
        writer.WriteStartObject();
        writer.WriteString("type", InstructionTypeNames.Of(instruction));
        writer.WriteString("object_type", instruction.ObjectType);
        switch (instruction)
        {
            case AddTypeInstruction addType:
                WriteAddTypeFields(writer, addType);
                break;
            case ObjectInstruction objectInstruction:
                WriteValue(writer, "identity", objectInstruction.Identity);
                break;
        }

        switch (instruction)
        {
            case SchemaInstruction schema:
                writer.WriteStartObject("properties");
                foreach (var property in schema.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    RealmSchemaWriter.WriteProperty(writer, property, PropertyJsonShape.Adapter);
                }

                writer.WriteEndObject();
                break;
            case InsertInstruction insert:
                WriteValues(writer, insert.Values);
                break;
            case SetInstruction set:
                WriteValues(writer, set.Values);
                break;
            case ListInstruction list:
                WriteListFields(writer, list);
                break;
            case ChangeIdentityInstruction change:
                WriteValue(writer, "new_identity", change.NewIdentity);
                break;
            case SwapIdentityInstruction swap:
                WriteValue(writer, "swap_identity", swap.SwapIdentity);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>The primary key when there is one, and the kind flags as given (absent stays absent).</summary>
    private static void WriteAddTypeFields(Utf8JsonWriter writer, AddTypeInstruction addType)
    {
        if (addType.PrimaryKey is { } primaryKey)
        {
            writer.WriteString("primary_key", primaryKey);
        }

        if (addType.Embedded is { } embedded)
        {
            writer.WriteBoolean("embedded", embedded);
        }

        if (addType.Asymmetric is { } asymmetric)
        {
            writer.WriteBoolean("asymmetric", asymmetric);
        }
    }

    private static void WriteListFields(Utf8JsonWriter writer, ListInstruction list)
    {
        writer.WriteString("property", list.Property);
        var (index, target) = list switch
        {
            ListSetInstruction s => (s.ListIndex, s.ObjectIdentity),
            ListInsertInstruction s => (s.ListIndex, s.ObjectIdentity),
            ListEraseInstruction e => (e.ListIndex, null),
            _ => ((long?)null, (RealmValue?)null),
        };
        if (index is { } listIndex)
        {
            writer.WriteNumber("list_index", listIndex);
        }

        if (target is not null)
        {
            WriteValue(writer, "object_identity", target);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, RealmValue value)
    {
        writer.WritePropertyName(name);
        AdapterValueWriter.Write(writer, value);
    }

    private static void WriteValues(Utf8JsonWriter writer, PropertyValues values)
    {
        writer.WritePropertyName("values");
        try
        {
            AdapterValueWriter.WriteEntries(writer, values.Entries);
        }
        catch (AdapterFormatException e)
        {
            throw e.Under(".values");
        }
    }
}
