using DiligenceEngine.Cli.Commands;

return await new DiligenceCli(Console.Out, Console.Error).InvokeAsync(args);
