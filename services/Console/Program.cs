using Platform.Console;
using Platform.Console.Components;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformTelemetry(ConsoleServices.Name);
builder.AddConsole();

var app = builder.Build();
app.UseConsole();
app.MapHealthEndpoints();
app.MapConsoleEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

public partial class Program;
