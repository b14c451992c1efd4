using System.Globalization;
using Platform.LoadDriver;
using TestTokens = Platform.Testing.TestTokens;

// Webhook load driver (issue 4 item 10). Against a running platform (deploy/bench-webhooks.sh starts one):
//   1. raw Marten append rate of this machine (its own schema), while the platform idles;
//   2. N agencies subscribe a local receiver, open their cases; warm-up;
//   3. steady phase: needs assessments through the gateway at a fixed rate (open loop), every signed webhook verified,
//      command accepted -> webhook received per command;
//   4. the same requests closed loop to the gateway and to Intake directly (reads, then writes): the throughput ratio;
//   resident memory and CPU of each service sampled throughout. The Markdown report goes to stdout, progress to stderr.
// With --recovery, 1, 3 and 4 give way to the recovery phase: the load without a break while faults are injected and
// healed in turn (Recovery.cs), and the report gives each fault's recovery time.

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (UsageException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine($"error: {e.Message}\n");
    Console.Error.WriteLine(DriverOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var ct = stop.Token;

try
{
    var machine = MachineInfo.Read();
    await using var sampler = new Sampler(options.Services);
    Progress($"sampling {string.Join(", ", sampler.Services.Select(s => $"{s.Name} (pid {s.Pid})"))}");

    // 1. Raw Marten append, before any load.
    AppendResult? append = null;
    if (options.Postgres is not null && options.AppendSeconds > 0 && !options.Recovery)
    {
        Progress($"raw Marten append: {options.AppendWriters} writers for {options.AppendSeconds} s");
        sampler.Begin("raw append");
        append = await RawAppend.RunAsync(options.Postgres, options.AppendWriters, options.AppendSeconds, Progress, ct);
        sampler.End();
    }

    // 2. Agencies, subscriptions, cases.
    var tokens = new TestTokens();
    var run = Guid.NewGuid().ToString("N")[..6];
    var agencies = Enumerable.Range(0, options.Agencies)
        .Select(i => new Agency(i, $"bench-{run}-{i:D2}", tokens.For($"bench-{run}-{i:D2}", "case-manager", TimeSpan.FromHours(2), options.SigningKey)))
        .ToList();
    var ledger = new WebhookLedger();
    await using var receiver = await WebhookReceiver.StartAsync();
    receiver.OnDelivery = ledger.On;
    Progress($"webhook receiver on {receiver.BaseAddress}");
    var connections = Math.Max(64, options.Concurrency * 2);
    using var gateway = PlatformClient.Create(options.Gateway, connections);
    using var direct = PlatformClient.Create(options.Intake, connections);

    foreach (var agency in agencies)
    {
        var (id, secret) = await PlatformClient.SubscribeAsync(gateway, agency, receiver.UrlFor(agency.Index), ct);
        agency.SubscriptionId = id;
        receiver.SetSecret(agency.Index, secret);
    }
    Progress($"{agencies.Count} agencies subscribed; opening {options.CasesPerAgency} cases each");
    await Parallel.ForEachAsync(agencies, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (agency, token) =>
    {
        for (var i = 0; i < options.CasesPerAgency; i++)
        {
            var id = await PlatformClient.OpenCaseAsync(gateway, agency, token);
            lock (agency.Cases) agency.Cases.Add(new BenchCase(id, agency));
        }
    });
    var cases = agencies.SelectMany(a => a.Cases).ToList();
    var deadline = DateTime.UtcNow.AddSeconds(options.DrainSeconds);
    while (ledger.OpenedCases < cases.Count && DateTime.UtcNow < deadline) await Task.Delay(100, ct);
    if (ledger.OpenedCases < cases.Count)
        throw new InvalidOperationException($"only {ledger.OpenedCases} of {cases.Count} case-opened webhooks arrived within {options.DrainSeconds} s " +
                                            $"(received {receiver.Received}, bad signatures {receiver.BadSignatures}): is Webhooks__AllowedHosts__0 set?");
    Progress($"every case-opened webhook arrived ({cases.Count})");

    // Warm-up: the same load, not measured (in recovery mode, the reference latency of a machine without faults).
    SteadyResult? warmup = null;
    if (options.WarmupSeconds > 0)
    {
        Progress($"warm-up: {options.Rate}/s for {options.WarmupSeconds} s");
        warmup = await Steady.RunAsync("warm-up", gateway, agencies, ledger, options.Rate, options.WarmupSeconds,
            TimeSpan.FromSeconds(options.DrainSeconds), Progress, ct);
        await Task.Delay(1000, ct);
    }

    if (options.Recovery)
    {
        Progress($"recovery: {options.Rate} commands/s without a break; faults {string.Join(", ", options.Faults.Select(f => f.Name))}");
        var recovery = await Recovery.RunAsync(gateway, agencies, ledger, options, Progress, ct);
        foreach (var f in recovery.Faults) Progress(Report.Summary(f));
        Console.Out.Write(Report.RenderRecovery(options, machine, warmup, recovery, receiver));
        Console.Out.Flush();
        return 0;
    }

    // 3. The measured steady phase.
    Progress($"steady: {options.Rate} commands/s for {options.Seconds} s through {options.Gateway}");
    var badBefore = receiver.BadSignatures;
    sampler.Begin("steady");
    var steady = await Steady.RunAsync("steady", gateway, agencies, ledger, options.Rate, options.Seconds,
        TimeSpan.FromSeconds(options.DrainSeconds), Progress, ct);
    var steadyUsage = sampler.End();

    // 4. Gateway vs direct. Webhooks are paused first: every read is recorded and published (CaseDataRead), and the
    // receiver is not what this phase measures.
    var comparisons = new List<CompareResult>();
    if (options.CompareSeconds > 0)
    {
        foreach (var agency in agencies) await PlatformClient.PauseAsync(gateway, agency, ct);
        foreach (var mix in new[] { "read", "write" })
        {
            Progress($"{mix}s closed loop, {options.Concurrency} in flight: direct vs gateway, {options.CompareSeconds} s each");
            sampler.Begin($"compare {mix}");
            comparisons.Add(await Compare.RunAsync(mix, direct, gateway, cases, options.Concurrency, options.CompareSeconds, Progress, ct));
            sampler.End();
        }
    }

    var report = Report.Render(options, machine, append, steady, steadyUsage, comparisons, sampler.Windows, receiver, badBefore);
    Console.Out.Write(report);
    Console.Out.Flush();
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("error: cancelled");
    return 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e}");
    return 1;
}
