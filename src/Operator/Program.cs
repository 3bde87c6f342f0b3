using Hotline.Operator;
using Hotline.Operator.Admin;

if (AdminCommands.Handles(args)) return await AdminCommands.RunAsync(args, Console.Out, Console.Error);

OperatorApp.Build(args).Run();
return 0;
