using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults;

namespace Platform.EventSourcing.Http;

/// <summary>
/// A decision's refusal is 409 with its reason. A write that lost an optimistic-concurrency race: 412 when the caller named a version with If-Match
/// (their copy is stale), otherwise 409 (someone changed the case meanwhile; read it and try again).
/// </summary>
internal sealed class EventSourcingExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted) return false;
        switch (exception)
        {
            case CommandRejectedException rejected:
                await ProblemResponses.WriteAsync(context, StatusCodes.Status409Conflict, "Not allowed in the current state",
                    rejected.Message);
                return true;
            case ConcurrencyException or EventStreamUnexpectedMaxEventIdException when context.Request.Headers.IfMatch.Count > 0:
                await ProblemResponses.WriteAsync(context, StatusCodes.Status412PreconditionFailed, "Version mismatch",
                    "The resource changed since the version named in If-Match; read it again and retry with its ETag.");
                return true;
            case ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException:
                await ProblemResponses.WriteAsync(context, StatusCodes.Status409Conflict, "Concurrent change",
                    "The resource was changed by another request at the same time; read it again and retry.");
                return true;
            default:
                return false;
        }
    }
}
