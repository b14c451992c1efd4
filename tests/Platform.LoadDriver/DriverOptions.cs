using System.Globalization;

namespace Platform.LoadDriver;

public sealed class UsageException(string message) : Exception(message);

/// <summary>Command-line options; deploy/bench-webhooks.sh passes the addresses, keys and pid files.</summary>
public sealed class DriverOptions
{
    public Uri Gateway { get; private set; } = new("http://127.0.0.1:8080/");
    public Uri Intake { get; private set; } = new("http://127.0.0.1:5101/");
    public string SigningKey { get; private set; } = "";
    public string? Postgres { get; private set; }
    public int Rate { get; private set; } = 50; // --recovery: 25, room for a backlog to drain
    public int Seconds { get; private set; } = 30;
    public int WarmupSeconds { get; private set; } = 60;
    public int Agencies { get; private set; } = 10;
    public int CasesPerAgency { get; private set; } = 10;
    public int CompareSeconds { get; private set; } = 10;
    public int Concurrency { get; private set; } = 16;
    public int AppendSeconds { get; private set; } = 10;
    public int AppendWriters { get; private set; } = 16;
    public int DrainSeconds { get; private set; } = 120;
    public bool Recovery { get; private set; }
    public List<Fault> Faults { get; } = [];
    public string? FaultScript { get; private set; }
    public int HoldSeconds { get; private set; } = 5;
    public int BaselineSeconds { get; private set; } = 10;
    public int AfterSeconds { get; private set; } = 25;
    public List<(string Name, string PidFile)> Services { get; } = [];
    public List<string> Notes { get; } = [];

    public const string Usage = """
        usage: Platform.LoadDriver --signing-key-file FILE [options]
          --gateway URL            gateway base address (default http://127.0.0.1:8080/)
          --intake URL             Intake directly, for the gateway/direct ratio (default http://127.0.0.1:5101/)
          --signing-key-file FILE  base64 HS256 key the gateway and services accept (.local/dev-signing-key)
          --postgres CONNSTRING    where the raw Marten append phase writes (its own schema, dropped after); omit to skip
          --rate N                 commands per second in the steady phase (50; with --recovery 25)
          --seconds N              length of the steady phase (30)
          --warmup-seconds N       unmeasured steady load first (60: lets tiered JIT settle)
          --agencies N             subscribed agencies, each with its own webhook receiver path (10)
          --cases-per-agency N     cases each agency opens and assesses in turn (10)
          --compare-seconds N      per mix and target, gateway vs direct closed loop (10; 0 skips)
          --concurrency N          closed-loop requests in flight for the comparison (16)
          --append-seconds N       raw Marten append phase (10; 0 skips)
          --append-writers N       raw Marten append writers (16)
          --drain-seconds N        how long to wait for the last webhooks (120)
          --recovery               instead of the steady and comparison phases: load without a break while each fault is
                                   injected and healed in turn (baseline, inject, hold, heal, after); recovery times
          --faults LIST            comma-separated, in order (default: all of rabbit-restart, pause-communications,
                                   memory-alarm, restart-communications)
          --fault-script FILE      run as `bash FILE ACTION` to inject and heal (deploy/bench-webhooks.sh --recovery writes it)
          --hold N                 seconds between a fault's injection and its heal (5)
          --baseline-seconds N     load before each fault: the baseline latency (10)
          --after-seconds N        load after each heal (25)
          --service NAME=PIDFILE   a service whose resident memory is sampled (repeatable)
          --note TEXT              a line for the report's settings (repeatable)
        """;

    public static DriverOptions Parse(string[] args)
    {
        var o = new DriverOptions();
        string? keyFile = null;
        var rateGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n : throw new UsageException($"{args[i]} needs a non-negative integer");
            switch (args[i])
            {
                case "--gateway": o.Gateway = new Uri(Value().TrimEnd('/') + "/"); break;
                case "--intake": o.Intake = new Uri(Value().TrimEnd('/') + "/"); break;
                case "--signing-key-file": keyFile = Value(); break;
                case "--postgres": o.Postgres = Value(); break;
                case "--rate": o.Rate = Int(); rateGiven = true; break;
                case "--seconds": o.Seconds = Int(); break;
                case "--warmup-seconds": o.WarmupSeconds = Int(); break;
                case "--agencies": o.Agencies = Int(); break;
                case "--cases-per-agency": o.CasesPerAgency = Int(); break;
                case "--compare-seconds": o.CompareSeconds = Int(); break;
                case "--concurrency": o.Concurrency = Int(); break;
                case "--append-seconds": o.AppendSeconds = Int(); break;
                case "--append-writers": o.AppendWriters = Int(); break;
                case "--drain-seconds": o.DrainSeconds = Int(); break;
                case "--service":
                    var s = Value();
                    var eq = s.IndexOf('=');
                    if (eq <= 0) throw new UsageException("--service takes NAME=PIDFILE");
                    o.Services.Add((s[..eq], s[(eq + 1)..]));
                    break;
                case "--recovery": o.Recovery = true; break;
                case "--faults":
                    o.Faults.Clear();
                    o.Faults.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Fault.Named));
                    break;
                case "--fault-script": o.FaultScript = Value(); break;
                case "--hold": o.HoldSeconds = Int(); break;
                case "--baseline-seconds": o.BaselineSeconds = Int(); break;
                case "--after-seconds": o.AfterSeconds = Int(); break;
                case "--note": o.Notes.Add(Value()); break;
                case "-h" or "--help": throw new UsageException("");
                default: throw new UsageException($"unknown argument {args[i]}");
            }
        }
        if (keyFile is null) throw new UsageException("--signing-key-file is required");
        o.SigningKey = File.ReadAllText(keyFile).Trim();
        if (o.Rate < 1 || o.Seconds < 1 || o.Agencies < 1 || o.CasesPerAgency < 1 || o.Concurrency < 1)
            throw new UsageException("--rate, --seconds, --agencies, --cases-per-agency and --concurrency must be at least 1");
        if (o.Recovery)
        {
            if (!rateGiven) o.Rate = 25;
            if (o.FaultScript is null) throw new UsageException("--recovery needs --fault-script");
            if (o.Faults.Count == 0) o.Faults.AddRange(Fault.Known);
            if (o.BaselineSeconds < 1 || o.AfterSeconds < 1) throw new UsageException("--baseline-seconds and --after-seconds must be at least 1");
        }
        return o;
    }
}
