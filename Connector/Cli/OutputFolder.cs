namespace Connector.Cli;

/// <summary>
/// Writes a command's output files into a folder, each through a temporary file renamed into place, so a
/// crash or a full disk never leaves a half-written dacpac or script behind.
/// </summary>
public static class OutputFolder
{
    public static void Write(string directory, string option, params (string Name, byte[] Content)[] files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var temporaries = new List<string>();
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, content) in files)
            {
                var temporary = Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp");
                temporaries.Add(temporary);
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }
            }

            for (var i = 0; i < files.Length; i++)
            {
                File.Move(temporaries[i], Path.Combine(directory, files[i].Name), overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var temporary in temporaries)
            {
                TryDelete(temporary);
            }

            throw new ConnectorException(
                $"{option}: cannot write to folder '{directory}': {e.Message} Choose a folder you can write to.",
                ExitCodes.Output,
                e);
        }
    }

    /// <summary>Deletes a leftover temporary file, if there is one; never fails.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the error being reported matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
