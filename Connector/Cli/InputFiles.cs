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
}
