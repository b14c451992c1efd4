using Platform.Communications;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CommunicationsServices.Name);
builder.AddCommunications();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCommunicationsApi();
app.Run();

public partial class Program;
