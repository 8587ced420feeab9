using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// The one way a page holds its errors: in ModelState, field → messages, the "" key for the form as a whole.
/// Services answer field → messages dictionaries (the APIs' problem details); pages add them here and render them
/// with the tags of <see cref="FieldErrorTagHelper"/>, <see cref="InvalidTagHelper"/> and <see cref="ErrorSummaryTagHelper"/>.
/// </summary>
public static class PageErrors
{
    /// <summary>Adds a service's field errors; <paramref name="field"/> renames a service's field to the page's (default: as is).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (key, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field is null ? key : field(key), message);
            }
        }
    }

    /// <summary>The first message of the first of <paramref name="fields"/> that has one; null when none has.</summary>
    public static string? FirstError(this ModelStateDictionary modelState, params ReadOnlySpan<string> fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var field in fields)
        {
            if (modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                return entry.Errors[0].ErrorMessage;
            }
        }

        return null;
    }

    /// <summary>Every field with errors and its messages, in ModelState's order: the form's own ("" key) first.</summary>
    public static IEnumerable<(string Field, IEnumerable<string> Messages)> Errors(this ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => (e.Key, e.Value!.Errors.Select(m => m.ErrorMessage)));
    }
}

/// <summary>
/// On a page that checks its fields itself, with its own messages: the model binder's and data annotations' errors
/// ("The value 'x' is not valid for ...") are dropped before the handler runs, so ModelState holds only the page's.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ChecksOwnFieldsAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.ModelState.Clear();
        return next();
    }
}
