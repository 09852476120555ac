using System.Collections.Immutable;
using System.Reflection;

namespace Connector.Catalog;

/// <summary>The catalog's SQL source (Schema/*.sql, embedded), in file-name order.</summary>
public static class CatalogSchema
{
    /// <summary>The fixed name of the catalog's SQL schema (DESIGN.md section 3).</summary>
    public const string SchemaName = "realmsync";

    /// <summary>
    /// Raised whenever Schema/*.sql changes in a way that needs an upgrade step (Schema/Upgrade/NNN-*.sql, NNN the version it
    /// leads to). 2: MappedRealm.PartitionOf and the mapping modes 'partitioned' and 'partition' (issue 12).
    /// </summary>
    public const int Version = 2;

    /// <summary>The catalog as a new database gets it, in file-name order.</summary>
    public static ImmutableArray<(string Name, string Sql)> Scripts { get; } = Load("Schema.");

    /// <summary>The upgrade steps, each from the version before it to <c>ToVersion</c> (the number its file name starts with), in order.</summary>
    public static ImmutableArray<(int ToVersion, string Name, string Sql)> Upgrades { get; } =
        [.. Load("SchemaUpgrade.").Select(s => (int.Parse(s.Name.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture), s.Name, s.Sql))];

    private static ImmutableArray<(string Name, string Sql)> Load(string prefix)
    {
        var assembly = typeof(CatalogSchema).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
