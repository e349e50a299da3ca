using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// bench/micro runs this. "--quick" gives a short job (smoke run); other arguments go to BenchmarkDotNet
// (e.g. --filter '*Gcm*', --artifacts DIR). Benchmarks run in-process: no generated project to build.
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
var job = (quick
        ? Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(3).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
        : Job.Default.WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(12).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId(quick ? "quick" : "bench");
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.P95)
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
    .WithOptions(ConfigOptions.DisableLogFile);
if (rest.Length == 0)
{
    rest = ["--filter", "*"];
}

BenchmarkSwitcher.FromAssembly(typeof(Kavach.Bench.Micro.EnvelopeBenchmarks).Assembly).Run(rest, config);
