using Platform.Referral;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ReferralServices.Name);
builder.AddReferral();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapReferralApi();
app.Run();

public partial class Program;
