using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// One core: the process is pinned to the first CPU, and the job runs in-process (no generated project to build).
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;

switch (args)
{
    case ["--stats"]:
        Hotline.Bench.Profiling.PrintStats();
        return;
    case ["--typo-guard", .. var wordLists]:
        Hotline.Bench.TypoGuard.Print(wordLists);
        return;
    case ["--opinion-scores", var labelled]:
        Hotline.Bench.OpinionScores.Print(labelled);
        return;
    case ["--cpu", var rounds]:
        Hotline.Bench.CpuTime.Print(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
        return;
    case ["--cpu-phases", var phaseRounds, .. var phaseLexicon]:
        Hotline.Bench.CpuTime.PrintPhases(int.Parse(phaseRounds, System.Globalization.CultureInfo.InvariantCulture), phaseLexicon is ["doubled"]);
        return;
    case ["--interleaved", var folderA, var folderB, var chunks]:
        Hotline.Bench.Interleaved.Print(folderA, folderB, int.Parse(chunks, System.Globalization.CultureInfo.InvariantCulture));
        return;
    case ["--loop", var count]:
        Hotline.Bench.Profiling.Loop(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        return;
}

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-1core"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(Hotline.Bench.ScreenBenchmarks).Assembly).Run(args, config);
