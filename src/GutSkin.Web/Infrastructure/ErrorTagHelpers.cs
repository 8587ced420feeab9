using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GutSkin.Web.Infrastructure;

/// <summary>A base for the error tags: the page's ModelState, and the fields named in an attribute (space-separated, first wins).</summary>
public abstract class ErrorTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected string? FirstError(string? fields) =>
        ViewContext.ViewData.ModelState.FirstError((fields ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// <c>&lt;span class="field-error" id="name-error" error-for="name"&gt;</c>: the field's first message (nothing when valid);
/// with <c>error-only</c> the element is left out when the field is valid.
/// </summary>
[HtmlTargetElement("span", Attributes = "error-for")]
[HtmlTargetElement("p", Attributes = "error-for")]
public sealed class FieldErrorTagHelper : ErrorTagHelper
{
    [HtmlAttributeName("error-for")]
    public string? ErrorFor { get; set; }

    [HtmlAttributeName("error-only")]
    public bool ErrorOnly { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (FirstError(ErrorFor) is { } message)
        {
            output.Content.SetContent(message);
        }
        else if (ErrorOnly)
        {
            output.SuppressOutput();
        }
    }
}

/// <summary>
/// <c>&lt;field for="Email" label="E-mail" hint="…" error-id="email-error" type="email" required /&gt;</c>: a form field as
/// the account forms write it, a <c>div.field</c> with the label (and its hint), the input (<c>asp-for</c>, with every
/// other attribute, described by the error line) and the error line (<c>error-for</c>).
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator) : ErrorTagHelper
{
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public string ErrorId { get; set; } = "";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var label = generator.GenerateLabel(ViewContext, For.ModelExplorer, For.Name, Label, htmlAttributes: null);
        if (Hint is not null)
        {
            label.InnerHtml.AppendHtml(" <span class=\"hint\">").Append(Hint).AppendHtml("</span>");
        }

        var attributes = new TagHelperAttributeList(output.Attributes) { { "aria-describedby", ErrorId } };
        var input = new TagHelperOutput("input", attributes, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()))
        {
            TagMode = TagMode.StartTagOnly,
        };
        var type = output.Attributes.TryGetAttribute("type", out var typeAttribute) ? typeAttribute.Value?.ToString() : null;
        await new InputTagHelper(generator) { For = For, ViewContext = ViewContext, InputTypeName = type }.ProcessAsync(context, input);
        var error = new TagBuilder("span");
        error.Attributes["id"] = ErrorId;
        error.AddCssClass("field-error");
        error.InnerHtml.Append(FirstError(For.Name) ?? "");
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.Clear();
        output.Attributes.SetAttribute("class", "field");
        output.Content.AppendHtml(label).AppendHtml(input).AppendHtml(error);
    }
}

/// <summary><c>&lt;input invalid-for="name"&gt;</c>: <c>aria-invalid</c> "true" when the field has an error, else "false".</summary>
[HtmlTargetElement("input", Attributes = "invalid-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "invalid-for")]
[HtmlTargetElement("select", Attributes = "invalid-for")]
public sealed class InvalidTagHelper : ErrorTagHelper
{
    [HtmlAttributeName("invalid-for")]
    public string? InvalidFor { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("aria-invalid", FirstError(InvalidFor) is null ? "false" : "true");
    }
}

/// <summary>
/// <c>&lt;error-summary lead="Nothing was saved."&gt;</c>: left out when the page has no error; else an alert with the lead and
/// every message (each a link to <c>#{anchor-prefix}{field}</c> when a prefix is given), or with <c>marked</c> only the lead
/// and "Please fix the fields marked below.". With <c>form-only</c> it lists only the messages about the whole form
/// (ModelState's "" key), for pages whose fields each show their own.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : ErrorTagHelper
{
    public string Lead { get; set; } = "";

    public string? AnchorPrefix { get; set; }

    public bool Marked { get; set; }

    public bool FormOnly { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var errors = ViewContext.ViewData.ModelState.Errors().Where(e => !FormOnly || e.Field.Length == 0).ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        var marked = Marked && !FormOnly;
        output.TagName = marked ? "p" : "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "alert alert--error");
        output.Attributes.SetAttribute("role", "alert");
        if (marked)
        {
            output.Content.SetContent($"{Lead} Please fix the fields marked below.");
            return;
        }

        if (!FormOnly)
        {
            output.Content.AppendHtml("<p><strong>").Append(Lead).AppendHtml("</strong> Please fix:</p>");
        }

        output.Content.AppendHtml("<ul>");
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                output.Content.AppendHtml(AnchorPrefix is null || field.Length == 0
                    ? $"<li>{HtmlEncoder.Default.Encode(message)}</li>"
                    : $"<li><a href=\"#{HtmlEncoder.Default.Encode(AnchorPrefix + field)}\">{HtmlEncoder.Default.Encode(message)}</a></li>");
            }
        }

        output.Content.AppendHtml("</ul>");
    }
}
