using System.Diagnostics;
using Platform.EventSourcing;
using Platform.EventSourcing.Relay;
using RabbitMQ.Client;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: Testcontainers where a Docker engine answers,
/// otherwise the servers <c>deploy/test.sh</c> started (PLATFORM_TEST_POSTGRES, PLATFORM_TEST_RABBITMQ).
/// </summary>
public sealed class PlatformServers : IAsyncLifetime
{
    private PostgreSqlContainer? _postgres;
    private RabbitMqContainer? _rabbit;

    public string Postgres { get; private set; } = "";
    public Uri RabbitMq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (await TryContainersAsync()) return;

        Postgres = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "No Docker engine answers and PLATFORM_TEST_POSTGRES is not set: run the tests with deploy/test.sh.");
        RabbitMq = new Uri(Environment.GetEnvironmentVariable("PLATFORM_TEST_RABBITMQ")
            ?? throw new InvalidOperationException("PLATFORM_TEST_RABBITMQ is not set: run the tests with deploy/test.sh."));
    }

    private async Task<bool> TryContainersAsync()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") is not null && !Docker.Answers()) return false;
        try
        {
            _postgres = new PostgreSqlBuilder("postgres:15").Build();
            _rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
            await Task.WhenAll(_postgres.StartAsync(), _rabbit.StartAsync());
            Postgres = _postgres.GetConnectionString();
            RabbitMq = new Uri(_rabbit.GetConnectionString());
            return true;
        }
        catch (Exception e) when (e.GetType().Name == "DockerUnavailableException")
        {
            return false;
        }
    }

    /// <summary>Stops the broker's application (connections drop, durable queues and messages stay).</summary>
    public Task StopBrokerAsync() => RabbitCtlAsync("stop_app");

    public Task StartBrokerAsync() => RabbitCtlAsync("start_app");

    /// <summary>Raises the broker's memory alarm: every publisher is blocked (connections stay up) until <see cref="ClearMemoryAlarmAsync"/>.</summary>
    public Task RaiseMemoryAlarmAsync() => RabbitCtlAsync("set_vm_memory_high_watermark 0.0000001");

    public Task ClearMemoryAlarmAsync() => RabbitCtlAsync("set_vm_memory_high_watermark 0.4");

    /// <summary>Stops PostgreSQL at once (<c>pg_ctl stop -m immediate</c>: what a crash looks like to every client).</summary>
    public Task StopPostgresAsync() => RunAsync("PLATFORM_TEST_PGCTL", "stop");

    public Task StartPostgresAsync() => RunAsync("PLATFORM_TEST_PGCTL", "start");

    private async Task RabbitCtlAsync(string command)
    {
        if (_rabbit is not null)
        {
            var result = await _rabbit.ExecAsync(["rabbitmqctl", .. command.Split(' ')]);
            if (result.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {command}: {result.Stderr}");
            return;
        }
        await RunAsync("PLATFORM_TEST_RABBITMQCTL", command);
    }

    private static async Task RunAsync(string variable, string command)
    {
        var ctl = Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"{variable} is not set: run the tests with deploy/test.sh.");
        using var process = Process.Start(new ProcessStartInfo(ctl, command) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{ctl} {command}: {await stderr}");
    }

    /// <summary>
    /// Empties the platform ledger queue that Communications reads. The ledger is shared by the whole test run; a
    /// Communications under test starts from an empty one rather than drain other tests' events first.
    /// </summary>
    public async Task PurgeLedgerAsync()
    {
        await using var connection = await RabbitMqAddress.ConnectionFactory(RabbitMq, "tests").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(LedgerTopology.Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueuePurgeAsync(LedgerTopology.Queue);
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_rabbit is not null) await _rabbit.DisposeAsync();
    }

    private static class Docker
    {
        public static bool Answers() =>
            File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is not null;
    }
}
