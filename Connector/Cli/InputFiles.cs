using Connector.RealmFile;

namespace Connector.Cli;

/// <summary>Reads the files named on the command line, with errors that name the option and the fix.</summary>
public static class InputFiles
{
    public static string ReadText(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorException($"{option}: file '{path}' does not exist; check the path.", ExitCodes.BadInput, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException($"{option}: cannot read '{path}': {e.Message}", ExitCodes.BadInput, e);
        }
    }

    /// <summary>Opens a <c>.realm</c> file; a missing, encrypted or unreadable file is bad input naming the option.</summary>
    public static RealmFileReader OpenRealmFile(string path, string option, RealmFileReaderOptions? options = null)
    {
        try
        {
            return RealmFileReader.Open(path, options);
        }
        catch (RealmFileException e)
        {
            throw new ConnectorException($"{option}: {e.Message}", ExitCodes.BadInput, e);
        }
    }
}
