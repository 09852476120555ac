namespace Connector.Tests.Integration;

/// <summary>Adapter instructions on the small schema (Person keyed by objectId, Dog keyed by name), as JSON.</summary>
public static class Instructions
{
    public const string Ann = """["objectId", "5f0000000000000000000001"]""";
    public const string Bob = """["objectId", "5f0000000000000000000002"]""";

    public static byte[] Key(string objectId) => Convert.FromHexString(objectId[^26..^2]);

    public static string InsertPerson(string id, string name, string extra = "") =>
        $$$"""{"type": "INSERT", "object_type": "Person", "identity": {{{id}}}, "values": {"_id": {{{id}}}, "name": "{{{name}}}"{{{extra}}}}}""";

    public static string InsertDog(string name, string extra = "") =>
        $$$"""{"type": "INSERT", "object_type": "Dog", "identity": "{{{name}}}", "values": {"name": "{{{name}}}"{{{extra}}}}}""";

    public static string Set(string type, string identity, string values) =>
        $$"""{"type": "SET", "object_type": "{{type}}", "identity": {{identity}}, "values": {{values}}}""";

    public static string Delete(string type, string identity) =>
        $$"""{"type": "DELETE", "object_type": "{{type}}", "identity": {{identity}}}""";

    public static string Clear(string type) => $$"""{"type": "CLEAR", "object_type": "{{type}}"}""";

    public static string List(string type, string owner, int index, string? target = null) => target is null
        ? $$"""{"type": "{{type}}", "object_type": "Person", "identity": {{owner}}, "property": "dogs", "list_index": {{index}}}"""
        : $$"""{"type": "{{type}}", "object_type": "Person", "identity": {{owner}}, "property": "dogs", "list_index": {{index}}, "object_identity": "{{target}}"}""";

    public static string ListClear(string owner) =>
        $$"""{"type": "LIST_CLEAR", "object_type": "Person", "identity": {{owner}}, "property": "dogs"}""";
}
