using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary>
/// Decodes one instruction object. Its fields may come in any order, so they are collected first and checked
/// against the type at the end. Fields the type does not use, and unknown fields, are ignored, as the Adapter
/// ignored them; a field given twice is an error.
/// </summary>
internal static class AdapterInstructionReader
{
    private enum Field
    {
        Type, ObjectType, Identity, Values, Properties, PrimaryKey, Property, ListIndex, ObjectIdentity, NewIdentity, SwapIdentity,
        Embedded, Asymmetric,
    }

    private static readonly string[] FieldNames =
    [
        "type", "object_type", "identity", "values", "properties", "primary_key", "property", "list_index",
        "object_identity", "new_identity", "swap_identity", "embedded", "asymmetric",
    ];

    private static readonly byte[][] FieldNamesUtf8 = [.. FieldNames.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] TypeNamesUtf8 = [.. InstructionTypeNames.All.Select(Encoding.UTF8.GetBytes)];

    private static readonly string KnownTypes = string.Join(", ", InstructionTypeNames.All);

    public static Instruction Read(ref Utf8JsonReader reader, JsonReadContext context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw context.Expected("an instruction object", ref reader);
        }

        var fields = default(Fields);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = IndexOf(ref reader, FieldNamesUtf8);
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            context.Push(FieldNames[field]);
            if ((seen & (1 << field)) != 0)
            {
                throw context.Error("appears twice in the same instruction; give each field once");
            }

            seen |= 1 << field;
            reader.Read();
            ReadField(ref reader, context, (Field)field, ref fields);
            context.Pop();
        }

        return Build(fields, context);
    }

    private static void ReadField(ref Utf8JsonReader reader, JsonReadContext context, Field field, ref Fields fields)
    {
        switch (field)
        {
            case Field.Type:
                fields.Type = ReadType(ref reader, context);
                break;
            case Field.ObjectType:
                fields.ObjectType = reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } name
                    ? name
                    : throw context.Expected("a class name", ref reader);
                break;
            case Field.Values:
                fields.Values = reader.TokenType switch
                {
                    JsonTokenType.Null => PropertyValues.Empty,
                    JsonTokenType.StartObject => new PropertyValues(AdapterValueReader.ReadEntries(ref reader, context)),
                    _ => throw context.Expected("an object of property values or null", ref reader),
                };
                break;
            case Field.Properties:
                fields.Properties = reader.TokenType == JsonTokenType.StartObject
                    ? JsonElement.ParseValue(ref reader)
                    : throw context.Expected("an object of properties", ref reader);
                break;
            case Field.PrimaryKey:
                fields.PrimaryKey = reader.TokenType is JsonTokenType.String or JsonTokenType.Null
                    ? reader.GetString()
                    : throw context.Expected("a property name or null", ref reader);
                break;
            case Field.Property:
                fields.Property = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw context.Expected("a property name", ref reader);
                break;
            case Field.ListIndex:
                fields.ListIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var index) && index >= 0
                    ? index
                    : throw context.Expected("a non-negative integer", ref reader);
                break;
            case Field.Embedded or Field.Asymmetric:
                ReadFlag(ref reader, context, field, ref fields);
                break;
            case Field.Identity:
                fields.Identity = ReadIdentity(ref reader, context);
                break;
            case Field.ObjectIdentity:
                fields.ObjectIdentity = ReadIdentity(ref reader, context);
                break;
            case Field.NewIdentity:
                fields.NewIdentity = ReadIdentity(ref reader, context);
                break;
            default:
                fields.SwapIdentity = ReadIdentity(ref reader, context);
                break;
        }
    }

    /// <summary>ADD_TYPE's "embedded" or "asymmetric": a JSON boolean, kept as given (an absent flag stays null).</summary>
    private static void ReadFlag(ref Utf8JsonReader reader, JsonReadContext context, Field field, ref Fields fields)
    {
        var flag = reader.TokenType is JsonTokenType.True or JsonTokenType.False
            ? reader.GetBoolean()
            : throw context.Expected("true or false", ref reader);
        if (field == Field.Embedded)
        {
            fields.Embedded = flag;
        }
        else
        {
            fields.Asymmetric = flag;
        }
    }

    private static int ReadType(ref Utf8JsonReader reader, JsonReadContext context)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw context.Expected("an instruction type name", ref reader);
        }

        var type = IndexOf(ref reader, TypeNamesUtf8);
        return type >= 0
            ? type
            : throw context.Error($"unknown instruction type {JsonReadContext.Found(ref reader)}; the known types are {KnownTypes}");
    }

    private static int IndexOf(ref Utf8JsonReader reader, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A primary-key value or opaque object id: a string, an integer or null, as the protocol says; also an objectId
    /// or uuid, the primary-key types of current SDKs.
    /// </summary>
    private static RealmValue ReadIdentity(ref Utf8JsonReader reader, JsonReadContext context)
    {
        var value = AdapterValueReader.Read(ref reader, context);
        return value is StringValue or IntValue or NullValue or ObjectIdValue or UuidValue
            ? value
            : throw context.Error($"expected an identity (a string, an integer or null), found {AdapterValueWriter.Describe(value)}");
    }

    private static Instruction Build(Fields fields, JsonReadContext context)
    {
        if (fields.Type is not { } typeIndex)
        {
            throw context.Error("missing \"type\"; give the instruction one of " + KnownTypes);
        }

        var type = InstructionTypeNames.All[typeIndex];
        var objectType = Require(fields.ObjectType, Field.ObjectType, type, context);
        RealmValue Identity() => Require(fields.Identity, Field.Identity, type, context);
        RealmValue ObjectIdentity() => Require(fields.ObjectIdentity, Field.ObjectIdentity, type, context);
        string Property() => Require(fields.Property, Field.Property, type, context);
        long ListIndex() => fields.ListIndex ?? throw Missing(Field.ListIndex, type, context);
        ImmutableArray<RealmProperty> Properties() =>
            ReadProperties(objectType, fields.Properties ?? throw Missing(Field.Properties, type, context), context);

        return type switch
        {
            InstructionTypeNames.AddType => AddType(objectType, Properties(), fields, context),
            InstructionTypeNames.AddProperties => new AddPropertiesInstruction(objectType, Properties()),
            InstructionTypeNames.Insert => new InsertInstruction(objectType, Identity(), fields.Values ?? PropertyValues.Empty),
            InstructionTypeNames.Set => new SetInstruction(objectType, Identity(), Require(fields.Values, Field.Values, type, context)),
            InstructionTypeNames.Delete => new DeleteInstruction(objectType, Identity()),
            InstructionTypeNames.Clear => new ClearInstruction(objectType),
            InstructionTypeNames.ListSet => new ListSetInstruction(objectType, Identity(), Property(), ListIndex(), ObjectIdentity()),
            InstructionTypeNames.ListInsert => new ListInsertInstruction(objectType, Identity(), Property(), ListIndex(), ObjectIdentity()),
            InstructionTypeNames.ListErase => new ListEraseInstruction(objectType, Identity(), Property(), ListIndex()),
            InstructionTypeNames.ListClear => new ListClearInstruction(objectType, Identity(), Property()),
            InstructionTypeNames.ChangeIdentity => new ChangeIdentityInstruction(objectType, Identity(), Require(fields.NewIdentity, Field.NewIdentity, type, context)),
            _ => new SwapIdentityInstruction(objectType, Identity(), Require(fields.SwapIdentity, Field.SwapIdentity, type, context)),
        };
    }

    private static AddTypeInstruction AddType(string objectType, ImmutableArray<RealmProperty> properties, Fields fields, JsonReadContext context)
    {
        if (fields.Embedded == true && fields.Asymmetric == true)
        {
            throw context.Error($"ADD_TYPE '{objectType}' says the class is both embedded and asymmetric; a class is one or the other, remove one flag");
        }

        if (fields.Embedded == true && fields.PrimaryKey is not null)
        {
            throw context.Error($"ADD_TYPE '{objectType}' says the class is embedded and gives it primary key '{fields.PrimaryKey}'; embedded classes have no primary key, remove one of them");
        }

        return new AddTypeInstruction(objectType, properties, fields.PrimaryKey, fields.Embedded, fields.Asymmetric);
    }

    private static T Require<T>(T? value, Field field, string type, JsonReadContext context)
        where T : class =>
        value ?? throw Missing(field, type, context);

    private static AdapterFormatException Missing(Field field, string type, JsonReadContext context) =>
        context.Error($"missing \"{FieldNames[(int)field]}\", which {type} requires");

    private static ImmutableArray<RealmProperty> ReadProperties(string objectType, JsonElement properties, JsonReadContext context)
    {
        var result = ImmutableArray.CreateBuilder<RealmProperty>();
        context.Push(FieldNames[(int)Field.Properties]);
        foreach (var member in properties.EnumerateObject())
        {
            context.Push(member.Name);
            if (result.Any(p => p.Name == member.Name))
            {
                throw context.Error("appears twice in the same instruction; declare each property once");
            }

            result.Add(RealmSchemaImporter.TryReadProperty(member.Name, member.Value, out var property) is { } error
                ? throw context.Error(error)
                : property!);
            context.Pop();
        }

        context.Pop();
        return result.DrainToImmutable();
    }

    private struct Fields
    {
        public int? Type;
        public string? ObjectType;
        public PropertyValues? Values;
        public JsonElement? Properties;
        public string? PrimaryKey;
        public string? Property;
        public long? ListIndex;
        public RealmValue? Identity;
        public RealmValue? ObjectIdentity;
        public RealmValue? NewIdentity;
        public RealmValue? SwapIdentity;
        public bool? Embedded;
        public bool? Asymmetric;
    }
}
