using Platform.Eligibility;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(EligibilityServices.Name);
builder.AddEligibility();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapEligibilityApi();
app.Run();

public partial class Program;
