using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults;

/// <summary>Collects field-level validation errors and answers them as one 400 problem naming every field at fault.</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public FieldErrors Required<T>(T? value, string field) where T : struct =>
        value is null ? Add(field, "This field is required.") : this;

    public FieldErrors Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "This field is required.") : this;

    /// <summary>A BCP 47 language tag such as <c>es</c>, <c>pt-BR</c> or <c>zh-Hant</c>.</summary>
    public FieldErrors LanguageTag(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "This field is required.")
        : LanguageTagPattern().IsMatch(value) ? this
        : Add(field, "Use a BCP 47 language tag such as 'es' or 'pt-BR'.");

    /// <summary>An agency id as tokens carry it: 1 to 64 letters, digits, '.', '_' or '-'.</summary>
    public FieldErrors AgencyId(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "This field is required.")
        : AgencyIdPattern().IsMatch(value) ? this
        : Add(field, "Use the agency's id: 1 to 64 letters, digits, '.', '_' or '-'.");

    /// <summary>As <see cref="LanguageTag"/> when given; nothing when absent.</summary>
    public FieldErrors OptionalLanguageTag(string? value, string field) => value is null ? this : LanguageTag(value, field);

    /// <summary>As <see cref="AgencyId"/> when given; nothing when absent.</summary>
    public FieldErrors OptionalAgencyId(string? value, string field) => value is null ? this : AgencyId(value, field);

    public FieldErrors Must(bool condition, string field, string message) => condition ? this : Add(field, message);

    /// <summary>An optional enum value written as the API writes it (kebab-case), e.g. from the query string.</summary>
    public FieldErrors OptionalEnum<T>(string? value, string field, out T? parsed) where T : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value)) return this;
        if (!value.Contains(',') && Enum.TryParse<T>(value.Replace("-", ""), ignoreCase: true, out var result) && Enum.IsDefined(result))
        {
            parsed = result;
            return this;
        }
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        return Add(field, $"One of: {allowed}.");
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors, title: "The request is not valid",
            detail: $"Check the field(s): {string.Join(", ", _errors.Keys)}.");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AgencyIdPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTagPattern();
}
