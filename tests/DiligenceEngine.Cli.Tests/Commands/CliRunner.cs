using DiligenceEngine.Cli.Commands;

namespace DiligenceEngine.Cli.Tests.Commands;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new DiligenceCli(output, error).Invoke(args);
        return (code, output.ToString(), error.ToString());
    }
}
