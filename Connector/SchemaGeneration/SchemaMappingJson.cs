using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.SchemaGeneration;

/// <summary>
/// A mapping as JSON, stored with each schema deployment (realmsync.SchemaDeployment.Mapping): the exact SQL
/// names in force, so that a grown schema keeps them (SchemaMapper's <c>previous</c>) on any node.
/// </summary>
public static class SchemaMappingJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(SchemaMapping mapping) => JsonSerializer.Serialize(mapping, Options);

    public static SchemaMapping Read(string json) =>
        JsonSerializer.Deserialize<SchemaMapping>(json, Options) ?? throw new JsonException("the stored mapping is null");
}
