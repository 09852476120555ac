using Connector.RealmSchema;

namespace Connector.Tests.SchemaGeneration;

/// <summary>The Realm schemas the offline SQL tier is run on (Corpus/*.json and the repository's samples).</summary>
public static class SchemaCorpus
{
    public static IEnumerable<string> Files =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "Connector.Tests", "SchemaGeneration", "Corpus"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.json"))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Cases =>
        Files.Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    public static RealmSchemaModel Load(string file) => RealmSchemaImporter.Import(File.ReadAllText(file), Path.GetFileName(file));

    public static RealmSchemaModel Load(string directory, string name) =>
        Load(Path.Combine(RepositoryPaths.Root, directory, name));
}
