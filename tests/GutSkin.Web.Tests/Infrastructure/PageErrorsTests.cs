using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Pages hold their errors one way (ModelState, filled by <see cref="PageErrors.AddErrors"/>) and show them with the shared tags.</summary>
public sealed class PageErrorsTests
{
    [Fact]
    public void AddErrors_KeepsEveryMessageUnderThePagesFieldName()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddErrors(new Dictionary<string, string[]> { ["name"] = ["No name."], ["parentId"] = ["No such comment."], ["body"] = ["Too long."] },
            field => field == "parentId" ? "body" : field);

        Assert.Equal(3, modelState.ErrorCount);
        Assert.Equal("No name.", modelState.FirstError("name"));
        Assert.Equal(["No such comment.", "Too long."], modelState["body"]!.Errors.Select(e => e.ErrorMessage));
        Assert.Null(modelState.FirstError("parentId"));
        Assert.Equal("No name.", modelState.FirstError("email", "name"));
    }

    [Fact]
    public void FieldError_ShowsTheFirstNamedFieldsMessage_AndWithErrorOnlyIsLeftOutWhenValid()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("end", "The end is before the start.");

        var shown = Run(new FieldErrorTagHelper { ErrorFor = "interventionDays end switch" }, modelState, "span");
        var valid = Run(new FieldErrorTagHelper { ErrorFor = "name" }, modelState, "span");
        var left = Run(new FieldErrorTagHelper { ErrorFor = "name", ErrorOnly = true }, modelState, "p");

        Assert.Equal("The end is before the start.", shown.Content.GetContent());
        Assert.Equal("", valid.Content.GetContent());
        Assert.Equal("span", valid.TagName);
        Assert.Null(left.TagName);
    }

    [Fact]
    public void Invalid_MarksOnlyTheFieldWithAnError()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("note", "Too long.");

        Assert.Equal("true", Run(new InvalidTagHelper { InvalidFor = "note" }, modelState, "textarea").Attributes["aria-invalid"].Value);
        Assert.Equal("false", Run(new InvalidTagHelper { InvalidFor = "water" }, modelState, "input").Attributes["aria-invalid"].Value);
    }

    [Fact]
    public void Summary_ListsTheFormsMessagesFirstThenEveryFieldsEncodedAndLinked_AndIsLeftOutWithoutErrors()
    {
        var modelState = new ModelStateDictionary();
        modelState.AddModelError("title", "A <title> is required.");
        modelState.AddModelError("", "Try again.");

        var summary = Run(new ErrorSummaryTagHelper { Lead = "Nothing was saved.", AnchorPrefix = "article-" }, modelState, "error-summary");
        var marked = Run(new ErrorSummaryTagHelper { Lead = "Nothing was added.", Marked = true }, modelState, "error-summary");
        var none = Run(new ErrorSummaryTagHelper { Lead = "Nothing was saved." }, new ModelStateDictionary(), "error-summary");

        Assert.Equal("div", summary.TagName);
        Assert.Equal("alert", summary.Attributes["role"].Value);
        Assert.Equal("<p><strong>Nothing was saved.</strong> Please fix:</p><ul><li>Try again.</li><li><a href=\"#article-title\">A &lt;title&gt; is required.</a></li></ul>",
            summary.Content.GetContent());
        Assert.Equal("p", marked.TagName);
        Assert.Equal("Nothing was added. Please fix the fields marked below.", marked.Content.GetContent());
        Assert.Null(none.TagName);

        // The account pages' form: only the messages about the whole form, each field showing its own.
        var formOnly = Run(new ErrorSummaryTagHelper { FormOnly = true }, modelState, "error-summary");
        var fieldsOnly = new ModelStateDictionary();
        fieldsOnly.AddModelError("title", "A title is required.");
        Assert.Equal("<ul><li>Try again.</li></ul>", formOnly.Content.GetContent());
        Assert.Equal("alert", formOnly.Attributes["role"].Value);
        Assert.Null(Run(new ErrorSummaryTagHelper { FormOnly = true }, fieldsOnly, "error-summary").TagName);
    }

    [Fact]
    public void EveryPage_ShowsErrorsWithTheSharedTags_NotTheFrameworksValidationTags()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "GutSkin.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }

        var features = Path.Combine(root.FullName, "src", "GutSkin.Web", "Features");
        var framework = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("asp-validation-", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(framework);
    }

    [Fact]
    public void NoPageKeepsItsOwnErrorDictionary()
    {
        var pages = typeof(PageErrors).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(PageModel))).ToList();
        var own = pages.Where(t => t.GetProperties().Any(p => p.Name == "Errors" && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            || t.GetMethod("Error", [typeof(string)]) is not null).Select(t => t.FullName);

        Assert.NotEmpty(pages);
        Assert.Empty(own);
    }

    private static TagHelperOutput Run(ErrorTagHelper helper, ModelStateDictionary modelState, string tag)
    {
        helper.ViewContext = new ViewContext { ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), modelState) };
        var context = new TagHelperContext([], new Dictionary<object, object>(), "test");
        var output = new TagHelperOutput(tag, [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(context, output);
        return output;
    }
}
