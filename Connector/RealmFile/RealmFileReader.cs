using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>
/// Reads a <c>.realm</c> file (formats 20-24) without Realm's native library: the schema eagerly (it is small),
/// objects lazily, class by class. Every problem with the file surfaces as a <see cref="RealmFileException"/>.
/// Not thread-safe; dispose it to release the memory map.
/// </summary>
public sealed class RealmFileReader : IDisposable
{
    private readonly RealmFileSource source;
    private readonly RealmObjectReader objects;
    private readonly Dictionary<string, RealmTable> tablesByClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<long, RealmValue>> primaryKeys = new(StringComparer.Ordinal);

    private RealmFileReader(RealmFileSource source, RealmFileReaderOptions options)
    {
        this.source = source;
        Header = RealmFileHeader.Read(source);
        var nodes = new RealmNodeReader(source, Header.FileFormat);
        var schemaReader = new RealmSchemaReader(nodes);
        var tables = schemaReader.ReadTables(Header.TopRef);
        objects = new RealmObjectReader(
            new RealmDecodeContext(nodes, schemaReader.ClassNameOfTableKey, options.LegacyDotNetGuidOrder));
        var classes = ImmutableArray.CreateBuilder<RealmClass>();
        foreach (var table in tables)
        {
            if ((options.IncludeBookkeepingTables || !table.IsBookkeeping) && tablesByClass.TryAdd(table.Class.Name, table))
            {
                classes.Add(table.Class);
            }
        }

        Schema = new RealmSchemaModel(classes.ToImmutable());
    }

    public RealmFileHeader Header { get; }

    public int FileFormat => Header.FileFormat;

    /// <summary>The classes of the file in table order; bookkeeping tables only if the options ask for them.</summary>
    public RealmSchemaModel Schema { get; }

    public static RealmFileReader Open(string path, RealmFileReaderOptions? options = null)
    {
        RealmFileSource source;
        try
        {
            source = RealmFileSource.FromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RealmFileException($"Cannot open Realm file '{path}': {e.Message}", e);
        }

        return Open(source, options, path);
    }

    /// <summary>Reads a file already in memory (the bytes must stay unchanged while the reader is used).</summary>
    public static RealmFileReader Open(ReadOnlyMemory<byte> bytes, RealmFileReaderOptions? options = null) =>
        Open(RealmFileSource.FromMemory(bytes), options, "<memory>");

    /// <summary>The objects of <paramref name="className"/>, decoded one at a time as the caller enumerates.</summary>
    public IEnumerable<RealmFileObject> ReadObjects(string className) => objects.Read(Table(className));

    public long CountObjects(string className) => objects.Count(Table(className));

    /// <summary>
    /// The primary key of object <paramref name="objKey"/> of <paramref name="className"/>; false when the class
    /// has no primary key or no such object (a tombstone). The first call per class reads its key column.
    /// </summary>
    public bool TryResolvePrimaryKey(string className, long objKey, out RealmValue primaryKey)
    {
        primaryKey = RealmValue.Null;
        var table = Table(className);
        if (table.PrimaryKeyColumn is not { } column)
        {
            return false;
        }

        if (!primaryKeys.TryGetValue(className, out var keys))
        {
            keys = [];
            foreach (var (key, value) in objects.ReadColumn(table, column))
            {
                keys[key] = value;
            }

            primaryKeys[className] = keys;
        }

        if (!keys.TryGetValue(objKey, out var found))
        {
            return false;
        }

        primaryKey = found;
        return true;
    }

    public void Dispose() => source.Dispose();

    private static RealmFileReader Open(RealmFileSource source, RealmFileReaderOptions? options, string name)
    {
        try
        {
            return new RealmFileReader(source, options ?? RealmFileReaderOptions.Default);
        }
        catch (RealmFileException e)
        {
            source.Dispose();
            throw new RealmFileException($"{name}: {e.Message}", e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private RealmTable Table(string className) =>
        tablesByClass.TryGetValue(className, out var table)
            ? table
            : throw new ArgumentException(
                $"The file has no class '{className}'; it has: {string.Join(", ", tablesByClass.Keys)}.", nameof(className));
}
