using System.Text;
using Connector.Journal;

namespace Connector.Tests.Journal;

/// <summary>A temporary journal root for one test, removed afterwards.</summary>
public sealed class JournalDirectory : IDisposable
{
    public JournalDirectory() => Root = Directory.CreateTempSubdirectory("journal-test-").FullName;

    public string Root { get; }

    public JournalPaths Paths => new(Path.Combine(Root, "journal"));

    public string Inbound(string realmPath)
    {
        var directory = Paths.InboundDirectory(realmPath);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static void Write(string path, string text) => File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    public static void Append(string path, string text)
    {
        using var file = new FileStream(path, FileMode.Append);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
