using Platform.Gateway;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayServices.Name);
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults();
app.UseRateLimiter();
app.MapHealthEndpoints();
app.MapGateway();
app.Run();

public partial class Program;
