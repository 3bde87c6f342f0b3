using Hotline.Operator;
using Hotline.Operator.Admin;

if (AdminCommands.Handles(args)) return await AdminCommands.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);

OperatorApp.Build(args).Run();
return 0;
