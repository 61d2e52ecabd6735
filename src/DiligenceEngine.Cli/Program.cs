using DiligenceEngine.Cli.Commands;

return new DiligenceCli(Console.Out, Console.Error).Invoke(args);
