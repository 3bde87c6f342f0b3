using Hotline.Triage;
using Hotline.Triage.Cli;
using Microsoft.Extensions.Hosting;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

if (ScreeningCommands.Handles(args)) return await ScreeningCommands.RunAsync(args, cancel.Token);

await TriageHost.Build(args).RunAsync(cancel.Token);
return 0;
