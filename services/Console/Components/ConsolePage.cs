using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Platform.Console.Api;
using Platform.Console.Auth;
using Platform.Console.Resources;

namespace Platform.Console.Components;

/// <summary>
/// What every page shares: the API client, the interface text, the signed-in person, and one way to handle a problem
/// (a form keeps the sentence and the fields at fault; a case that is not available answers 404; an ended session
/// goes back to the sign-in).
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [Inject] protected PlatformApi Api { get; set; } = null!;
    [Inject] protected IStringLocalizer<Text> L { get; set; } = null!;
    [Inject] protected NavigationManager Nav { get; set; } = null!;
    [Inject] protected ConsoleOptions Options { get; set; } = null!;

    [CascadingParameter] protected HttpContext? Http { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    protected Person Me { get; private set; } = null!;

    /// <summary>The form whose submission failed, and why.</summary>
    protected string? FailedForm { get; private set; }

    protected ApiProblem? Problem { get; private set; }

    protected bool NotAvailable { get; private set; }

    protected bool IsPost => HttpMethods.IsPost(Http?.Request.Method ?? "");

    protected override async Task OnInitializedAsync()
    {
        Me = Person.Of((await Auth!).User) ?? new Person("", "", "");
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>A value of the form just posted, to show back what the person typed after a problem.</summary>
    protected string Posted(string field, string fallback = "") =>
        IsPost && Http!.Request.HasFormContentType && Http.Request.Form.TryGetValue(field, out var value) ? value.ToString() : fallback;

    protected IReadOnlyList<string> PostedAll(string field) =>
        IsPost && Http!.Request.HasFormContentType && Http.Request.Form.TryGetValue(field, out var values)
            ? values.Where(v => v is not null).Select(v => v!).ToList()
            : [];

    /// <summary>True when the call failed; the page then shows why (a read) or marks the form (a submission).</summary>
    protected bool Failed<T>(ApiResult<T> result, string? form = null)
    {
        if (result.Ok) return false;
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            Nav.NavigateTo("signin?ended=1", forceLoad: true);
            return true;
        }
        if (form is null && result.NotAvailable)
        {
            ShowNotAvailable();
            return true;
        }
        Fail(form ?? "", result.Problem!);
        return true;
    }

    /// <summary>A problem found before calling the API, in the same shape as the API's own.</summary>
    protected void Fail(string form, ApiProblem problem)
    {
        FailedForm = form;
        Problem = problem;
        if (Http is { Response.HasStarted: false }) Http.Response.StatusCode = (int)problem.Status;
    }

    protected void Fail(string form, string field, string messageKey) =>
        Fail(form, new ApiProblem(HttpStatusCode.BadRequest, "Problem.Fields",
            new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [field] = [L[messageKey]] }));

    /// <summary>"Not available" with the real status code, the same whether the case does not exist or is not shown.</summary>
    protected void ShowNotAvailable()
    {
        NotAvailable = true;
        if (Http is { Response.HasStarted: false }) Http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    protected ApiProblem? ProblemOf(string form) => FailedForm == form ? Problem : null;

    /// <summary>After a change: back to the page by GET, so a reload never posts twice.</summary>
    protected void Reload(string? fragment = null) =>
        Nav.NavigateTo(Nav.ToBaseRelativePath(Nav.Uri).Split('#')[0] + (fragment is null ? "" : "#" + fragment), forceLoad: false);

    protected string EnumText<T>(T value) where T : struct, Enum => L[$"{typeof(T).Name}.{value}"];

    protected static string Kebab<T>(T value) where T : struct, Enum => Platform.ServiceDefaults.PlatformJson.Name(value);

    protected static T? ParseEnum<T>(string? value) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Kebab(v!.Value) == value);

    protected string Date(DateTimeOffset at) => at.ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentUICulture);

    protected string DateTime(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.CurrentUICulture);
}
