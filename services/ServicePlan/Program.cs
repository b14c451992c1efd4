using Platform.ServicePlan;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ServicePlanServices.Name);
builder.AddServicePlan();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapServicePlanApi();
app.Run();

public partial class Program;
