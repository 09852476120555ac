using Connector.Adapter;
using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

/// <summary>Opens the shared Realm fixtures (skipping the test when they are absent) and reads objects by key.</summary>
internal static class RealmFixtures
{
    public static readonly string[] All =
    [
        "core-asymmetric-22.realm", "core-upgrade-20.realm", "core-upgrade-22.realm", "core-upgrade-23.realm",
        "dotnet-guids-24.realm", "dotnet-migration-22.realm", "dotnet-v6db-22.realm", "js-dates-23.realm",
        "js-parents-22.realm", "kotlin-objectid-23.realm",
    ];

    public static RealmFileReader Open(string name, RealmFileReaderOptions? options = null) =>
        RealmFileReader.Open(RepositoryPaths.RequireRealmFixture(name), options);

    public static RealmFileObject Object(RealmFileReader reader, string className, long objKey) =>
        reader.ReadObjects(className).Single(o => o.ObjKey == objKey);

    /// <summary>The value of <paramref name="property"/> of the object with key <paramref name="objKey"/>.</summary>
    public static RealmValue Value(RealmFileReader reader, string className, long objKey, string property)
    {
        var index = reader.Schema.Find(className)!.Properties.IndexOf(reader.Schema.Find(className)!.Find(property)!);
        return Object(reader, className, objKey).Values[index];
    }

    /// <summary>Every object of every class, as a caller that copies a whole file would read them.</summary>
    public static long ReadEverything(RealmFileReader reader)
    {
        long values = 0;
        foreach (var realmClass in reader.Schema.Classes)
        {
            foreach (var realmObject in reader.ReadObjects(realmClass.Name))
            {
                values += realmObject.Values.Length;
            }
        }

        return values;
    }
}
