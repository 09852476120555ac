using System.Text;

namespace Connector.Cli;

/// <summary>
/// Writes one output file through a temporary file beside it, renamed into place only when everything was written:
/// a failure part-way (a corrupt input, a full disk) leaves the previous file, or none, never half of one.
/// </summary>
public static class OutputFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string option, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, Utf8NoBom))
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException($"{option}: cannot write '{path}': {e.Message} Choose a file you can write to.", ExitCodes.Output, e);
        }
        finally
        {
            OutputFolder.TryDelete(temporary);
        }
    }
}
