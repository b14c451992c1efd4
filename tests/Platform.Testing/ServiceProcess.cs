using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A platform service run as a real process from its build output, the way <c>deploy/up.sh</c> runs it,
/// so tests can go through the real gateway and can kill it with SIGKILL.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public ServiceProcess(string project, string dll, int port, IReadOnlyDictionary<string, string> environment)
    {
        _dll = Path.Combine(Repository.Root, project, "bin", Repository.Configuration, "net10.0", dll);
        if (!File.Exists(_dll)) throw new FileNotFoundException($"Build {project} first.", _dll);
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}");
        LogPath = Path.Combine(Path.GetTempPath(), $"platform-test-{Path.GetFileNameWithoutExtension(dll)}-{port}.log");
        _environment = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = Url.ToString().TrimEnd('/') };
    }

    public int Port { get; }
    public Uri Url { get; }
    public string LogPath { get; }

    /// <summary>The running process (null before the first start).</summary>
    public System.Diagnostics.Process? Process => _process;

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"{_dll} exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health/ready"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{_dll} was not ready within {timeout}; see {LogPath}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly what a crash looks like.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where the checkout is and which build configuration the tests run in.</summary>
public static class Repository
{
    public static string Root { get; } = Environment.GetEnvironmentVariable("PLATFORM_ROOT") is { Length: > 0 } root
        ? root
        : FindRoot(AppContext.BaseDirectory);

    /// <summary>The configuration the test assembly itself was built in (…/bin/{Configuration}/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + from);
    }
}
