using SpineKit.Cli;

return SpineKitApp.Run(args, Console.Out, Console.Error);
