using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>Command line of the relay benchmark. Connection values come from the environment (see deploy/bench.sh).</summary>
public sealed class BenchOptions
{
    public int Rate { get; private set; } = 100;
    public int Seconds { get; private set; } = 20;
    public int BurstSeconds { get; private set; } = 15;
    public int Writers { get; private set; } = 16;
    public int Warmup { get; private set; } = 200;
    public bool Quick { get; private set; }

    /// <summary>Share of appends that open a new case; the rest close or reopen one of the writer's earlier cases.</summary>
    public double NewCaseShare { get; private set; } = 0.7;

    /// <summary>Extra configuration for the write side (e.g. <c>Relay:PageSize=100</c>), to try relay settings without code changes.</summary>
    public Dictionary<string, string?> WriteSideSettings { get; } = [];

    /// <summary>Daemon polling overrides (milliseconds), applied with ConfigureMarten on the write side only; null keeps Marten's defaults.</summary>
    public int? DaemonFastPollingMs { get; private set; }
    public int? DaemonSlowPollingMs { get; private set; }

    /// <summary>Turns Marten's LISTEN/NOTIFY wakeup off on the write side (experiments: polling only).</summary>
    public bool NoListenNotify { get; private set; }

    /// <summary>Counts JIT compilations during phase A and prints the top offenders to stderr (diagnostics).</summary>
    public bool DiagnoseJit { get; private set; }

    /// <summary>ConcurrentMessageLimit of the consumer endpoint; null keeps the platform's default (1: strict order).</summary>
    public int? ConsumerConcurrency { get; private set; }

    /// <summary>Run in the vhost of the connection string as it is, instead of a temporary one on the same broker.</summary>
    public bool SharedVirtualHost { get; private set; }

    /// <summary>The relay subscription's MaximumHopperSize (events loaded but not yet committed); null keeps Marten's default (5000).</summary>
    public int? RelayHopper { get; private set; }

    public string Postgres { get; private set; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Events")
        ?? "Host=127.0.0.1;Port=5432;Database=platform_test;Username=platform;Password=platform";

    public Uri RabbitMq { get; private set; } = new(
        Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq")
        ?? "amqp://platform:platform@127.0.0.1:5672/platform-test");

    /// <summary>RabbitMQ management API, used to delete the benchmark's queue and exchange at the end.</summary>
    public Uri RabbitManagement { get; private set; } = new(
        Environment.GetEnvironmentVariable("BENCH_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:15672/");

    public const string Usage = """
        Relay benchmark: commit -> consumer lag at a steady rate, then relay throughput against the raw append rate.

        usage: Platform.Benchmarks [--rate 100] [--seconds 20] [--burst-seconds 15] [--writers 16] [--quick]
                                   [--warmup 200] [--new-case-share 0.7]
                                   [--set Section:Key=Value]... [--daemon-fast-ms N] [--daemon-slow-ms N] [--no-listen-notify] [--diagnose-jit]
                                   [--consumer-concurrency N] [--shared-vhost] [--relay-hopper N]

          --rate N            steady append rate of phase A, events/s (default 100)
          --seconds N         length of phase A, seconds (default 20)
          --burst-seconds N   length of phase B, seconds (default 15)
          --writers N         concurrent writers of phase B (default 16)
          --quick             5 s phases, for a smoke run (explicit --seconds/--burst-seconds still win)
          --warmup N          warm-up events before phase A (default 200)
          --new-case-share X  share of appends that open a case (default 0.7)
          --set K=V           extra write-side configuration, e.g. --set Relay:PageSize=100 (experiments)
          --daemon-fast-ms N  Marten daemon FastPollingTime on the write side (experiments)
          --daemon-slow-ms N  Marten daemon SlowPollingTime on the write side (experiments)
          --no-listen-notify  turn Marten's LISTEN/NOTIFY daemon wakeup off on the write side (experiments)
          --diagnose-jit      count JIT compilations during phase A, print the top ones to stderr (diagnostics)
          --consumer-concurrency N  ConcurrentMessageLimit of the consumer endpoint (experiments; default: the platform's)
          --relay-hopper N    MaximumHopperSize of the relay subscription (experiments: 1 = one page in flight, so pages
                              coalesce everything committed meanwhile instead of queueing one small page per high water mark)
          --shared-vhost      use the vhost of ConnectionStrings__RabbitMq as it is; by default the run gets a temporary vhost
                              on the same broker (created and deleted through the management API), so queues left bound
                              to the Intake exchanges by other runs do not receive (and slow down) every publish

        environment: ConnectionStrings__Events (PostgreSQL), ConnectionStrings__RabbitMq (amqp://user:pass@host:port/vhost),
                     BENCH_RABBITMQ_MANAGEMENT (default http://127.0.0.1:15672/)
        exit code: 0 = report printed (targets may be missed), 1 = lost, duplicated or misordered events or an error, 2 = bad usage
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        bool secondsSet = false, burstSet = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{arg} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v : throw new UsageException($"{arg} needs an integer >= {min}");
            switch (arg)
            {
                case "--rate": o.Rate = Int(1); break;
                case "--seconds": o.Seconds = Int(1); secondsSet = true; break;
                case "--burst-seconds": o.BurstSeconds = Int(1); burstSet = true; break;
                case "--writers": o.Writers = Int(1); break;
                case "--warmup": o.Warmup = Int(0); break;
                case "--quick": o.Quick = true; break;
                case "--new-case-share":
                    o.NewCaseShare = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is > 0 and <= 1
                        ? share : throw new UsageException("--new-case-share needs a number in (0, 1]");
                    break;
                case "--set":
                    var kv = Value().Split('=', 2);
                    if (kv.Length != 2 || kv[0].Length == 0) throw new UsageException("--set needs Key=Value");
                    o.WriteSideSettings[kv[0]] = kv[1];
                    break;
                case "--daemon-fast-ms": o.DaemonFastPollingMs = Int(1); break;
                case "--daemon-slow-ms": o.DaemonSlowPollingMs = Int(1); break;
                case "--no-listen-notify": o.NoListenNotify = true; break;
                case "--diagnose-jit": o.DiagnoseJit = true; break;
                case "--consumer-concurrency": o.ConsumerConcurrency = Int(1); break;
                case "--shared-vhost": o.SharedVirtualHost = true; break;
                case "--relay-hopper": o.RelayHopper = Int(1); break;
                case "--postgres": o.Postgres = Value(); break;
                case "--rabbitmq": o.RabbitMq = new Uri(Value()); break;
                case "-h" or "--help": throw new UsageException(null);
                default: throw new UsageException($"unknown option {arg}");
            }
        }
        if (o.Quick)
        {
            if (!secondsSet) o.Seconds = 5;
            if (!burstSet) o.BurstSeconds = 5;
        }
        return o;
    }

    public string Describe() =>
        $"--rate {Rate} --seconds {Seconds} --burst-seconds {BurstSeconds} --writers {Writers} --warmup {Warmup}"
        + (Quick ? " --quick" : "")
        + string.Concat(WriteSideSettings.Select(kv => $" --set {kv.Key}={kv.Value}"))
        + (DaemonFastPollingMs is { } f ? $" --daemon-fast-ms {f}" : "")
        + (DaemonSlowPollingMs is { } s ? $" --daemon-slow-ms {s}" : "")
        + (NoListenNotify ? " --no-listen-notify" : "")
        + (ConsumerConcurrency is { } c ? $" --consumer-concurrency {c}" : "")
        + (SharedVirtualHost ? " --shared-vhost" : "")
        + (RelayHopper is { } h ? $" --relay-hopper {h}" : "");
}

public sealed class UsageException(string? message) : Exception(message ?? "");
