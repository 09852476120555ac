using System.Diagnostics;
using System.Text.Json;

namespace Connector.Tests.RealmCore;

/// <summary>
/// realm-core itself (../shared/tools/realm-core-tool, v14.14.0) as the oracle: files it creates are written by
/// the real engine, and its <c>dump</c> is the engine's own reading of a file. Tests using it are skipped, with
/// the reason, where the tool is absent.
/// </summary>
internal static class RealmCoreTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Executable => Path.Combine(RepositoryPaths.Shared, "tools", "realm-core-tool", "bin", "realm-core-tool");

    /// <summary>A new .realm file at <paramref name="file"/> from a realm-js-style spec (the tool's README: <c>create</c>).</summary>
    public static void Create(string specJson, string file)
    {
        var spec = file + ".spec.json";
        File.WriteAllText(spec, specJson);
        Run("create", spec, file);
    }

    /// <summary>realm-core's <c>dump</c> of the objects of <paramref name="className"/>.</summary>
    public static IReadOnlyList<JsonElement> DumpObjects(string file, string className)
    {
        using var dump = JsonDocument.Parse(Run("dump", file));
        var table = dump.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == className);
        return [.. table.GetProperty("objects").EnumerateArray().Select(o => o.Clone())];
    }

    private static string Run(params string[] args)
    {
        if (!File.Exists(Executable))
        {
            Assert.Ignore($"realm-core-tool is absent: {Executable} (../shared/tools/realm-core-tool beside the project root) is needed as the oracle.");
        }

        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(Timeout), Is.True, $"realm-core-tool {string.Join(' ', args)} did not finish in {Timeout}");
        Assert.That(process.ExitCode, Is.Zero, $"realm-core-tool {string.Join(' ', args)}: {error.Result}");
        return output;
    }
}
