using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Connector.Tests.Postgres;

/// <summary>The exit code and the merged standard output and error of a finished program.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public static CommandResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', [program, .. start.ArgumentList]);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds} s. Output so far:\n{Text(output)}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new CommandResult(commandLine, process.ExitCode, Text(output));
    }

    public CommandResult ThrowIfFailed(string meaning) => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{meaning}\n{CommandLine} exited with {ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{Output}");

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
