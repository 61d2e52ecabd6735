namespace DiligenceEngine.Cli.Commands;

/// <summary>The documented process exit codes (README, docs/jobs.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int BadInput = 2;
    public const int DependencyFailure = 3;

    public static string Describe(int code) => code switch
    {
        Ok => "ok",
        BadInput => "bad input",
        DependencyFailure => "rendering or dependency failure",
        _ => "unexpected error",
    };
}
