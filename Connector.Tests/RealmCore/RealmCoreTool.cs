using System.Diagnostics;
using System.Text.Json;

namespace Connector.Tests.RealmCore;

/// <summary>
/// realm-core itself as a test oracle (../shared/tools/realm-core-tool, see its README): files it creates are
/// written by the real engine, and its dump is the engine's own reading of a file. Tests that need it are
/// skipped with the reason when it is absent.
/// </summary>
public static class RealmCoreTool
{
    public static string Executable => Path.Combine(RepositoryPaths.Shared, "tools", "realm-core-tool", "bin", "realm-core-tool");

    /// <summary>Marks the calling test ignored (reported as skipped) when the tool is absent.</summary>
    public static void Require()
    {
        if (!File.Exists(Executable))
        {
            Assert.Ignore($"realm-core-tool {Executable} is absent: ../shared/tools/realm-core-tool is not beside the project root.");
        }
    }

    /// <summary>Creates <paramref name="realmFile"/> from a spec (schema and objects, as the tool's README says).</summary>
    public static void Create(string specJson, string realmFile)
    {
        var spec = realmFile + ".spec.json";
        File.WriteAllText(spec, specJson);
        Run("create", spec, realmFile);
    }

    /// <summary>realm-core's dump of <paramref name="realmFile"/>: format, schema with table types, every object.</summary>
    public static JsonDocument Dump(string realmFile) => JsonDocument.Parse(Run("dump", realmFile));

    /// <summary>realm-core's dump of the objects of <paramref name="className"/>.</summary>
    public static IReadOnlyList<JsonElement> DumpObjects(string realmFile, string className)
    {
        using var dump = Dump(realmFile);
        var table = dump.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == className);
        return [.. table.GetProperty("objects").EnumerateArray().Select(o => o.Clone())];
    }

    private static string Run(params string[] arguments)
    {
        Require();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, $"realm-core-tool {arguments[0]} did not finish");
        Assert.That(process.ExitCode, Is.Zero, $"realm-core-tool {string.Join(' ', arguments)}: {error.Result}");
        return output;
    }
}
