namespace Platform.Console;

/// <summary>The console's settings (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>The platform's public entry; every call the console makes goes through it.</summary>
    public Uri GatewayUrl { get; set; } = new("http://127.0.0.1:8080/");

    /// <summary>Minutes without a request after which the session ends (shared computers in shelters).</summary>
    public double IdleMinutes { get; set; } = 20;

    /// <summary>How long before the idle end the page warns.</summary>
    public double WarningMinutes { get; set; } = 2;

    /// <summary>Lifetime of a locally minted token, and so the longest a session lasts.</summary>
    public int TokenMinutes { get; set; } = 480;

    /// <summary>Cases per page in lists.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>How many feed events the "shared with my agency" list reads at most to find the cases it may show.</summary>
    public int SharedCasesFeedLimit { get; set; } = 1000;

    /// <summary>How many of the agency's open cases the week at a glance reads at most for consents ending.</summary>
    public int WeekCaseLimit { get; set; } = 2000;

    /// <summary>Seconds before a dropped live feed (crisis alerts) is opened again.</summary>
    public double LiveReconnectSeconds { get; set; } = 2;
}
