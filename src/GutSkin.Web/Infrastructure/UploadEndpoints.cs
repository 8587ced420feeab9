namespace GutSkin.Web.Infrastructure;

/// <summary>The endpoints that take a file in a multipart form (a photo, an export to import).</summary>
public static class UploadEndpoints
{
    private const string AnyType = "*/*";

    /// <summary>
    /// Documents the body as multipart/form-data, yet lets a body of any other type reach the handler, which answers
    /// a problem naming the field <c>file</c> (400), as it does for a form without the file. Declared as
    /// multipart/form-data only, routing would refuse other types with a bare 415 before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder endpoint) =>
        endpoint.Accepts<IFormFile>("multipart/form-data", AnyType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody?.Content?.Remove(AnyType);
                return Task.CompletedTask;
            });
}
