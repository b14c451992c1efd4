using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults;

/// <summary>
/// Middleware a shared library adds at the end of the default pipeline (after authorization and <see cref="StorableInput"/>), by
/// registering it with the services it needs: every process that uses the library gets it, and none can forget it.
/// </summary>
public interface IPipelineStep
{
    void Apply(WebApplication app);
}
