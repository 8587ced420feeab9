using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.SelfCheck;

/// <summary>Saves self-check answers as the signed-in member's plan; a GET only asks, the POST saves.</summary>
public sealed class SaveModel(SelfCheckPlans saving) : MemberPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public SelfCheckResult? Result { get; private set; }

    public IActionResult OnGet()
    {
        if (saving.Unprotect(Token) is not { } answers)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = SelfCheckScoring.Score(answers);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (saving.Unprotect(Token) is not { } answers || await saving.SaveAsync(CurrentMember.Id, answers, ct) is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["SavedMessage"] = "Your plan from the self-check is saved: the Today page now shows its items. Adjust it here whenever you like.";
        return LocalRedirect("/plan");
    }
}
