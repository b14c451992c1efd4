using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults;

/// <summary>
/// The <c>guid</c> route constraint of every service, without the empty GUID: no resource has that id, so a route naming it
/// matches nothing and is answered 404 like any unknown id.
/// </summary>
internal sealed class NonEmptyGuidRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value switch
        {
            Guid guid => guid != Guid.Empty,
            string text => Guid.TryParse(text, out var parsed) && parsed != Guid.Empty,
            _ => false,
        };
}
