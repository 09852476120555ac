namespace Connector.Adapter;

/// <summary>
/// A value as ADAPTER-PROTOCOL.md section 3 encodes it. The JSON codec decodes values structurally (it
/// does not know the schema): a JSON string is a <see cref="StringValue"/> even where the property is a
/// link, a JSON integer an <see cref="IntValue"/> even where it is a double. Interpreting a value against
/// a property is the job of the schema-aware coercion.
/// </summary>
public abstract record RealmValue
{
    public static NullValue Null { get; } = new();
}
