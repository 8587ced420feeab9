// gutskin-analyze FILE.csv [--max-lag N]: the web app's analyze command as a native executable.
return GutSkin.Interchange.AnalyzeCommand.Run(args, Console.Out, Console.Error);
