using Platform.Intake;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IntakeServices.Name);
builder.AddIntake();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapIntakeApi();
app.Run();

public partial class Program;
