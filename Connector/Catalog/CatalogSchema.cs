using System.Collections.Immutable;
using System.Reflection;

namespace Connector.Catalog;

/// <summary>The catalog's SQL source (Schema/*.sql, embedded), in file-name order.</summary>
public static class CatalogSchema
{
    /// <summary>The fixed name of the catalog's SQL schema (DESIGN.md section 3).</summary>
    public const string SchemaName = "realmsync";

    /// <summary>Raised whenever Schema/*.sql changes in a way that needs an upgrade step.</summary>
    public const int Version = 1;

    public static ImmutableArray<(string Name, string Sql)> Scripts { get; } = Load();

    private static ImmutableArray<(string Name, string Sql)> Load()
    {
        var assembly = typeof(CatalogSchema).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Schema.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["Schema.".Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
