using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Experiments;

[Authorize]
public sealed class IndexModel(GutSkinDb db, ExperimentService experiments) : PageModel
{
    public List<ExperimentResponse> Experiments { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Member.FindAsync(db, User, ct) is not { } member)
        {
            return Challenge();
        }

        foreach (var experiment in await experiments.ListAsync(member.Id, ct))
        {
            Experiments.Add(await experiments.DescribeAsync(member, experiment, ct));
        }

        return Page();
    }

    public static string PhaseText(string phase) => phase switch
    {
        "notStarted" => "Not started",
        "baseline" => "Baseline",
        "onset" => "Taking hold (left out)",
        "washOut" => "Wearing off (left out)",
        "intervention" => "Intervention",
        _ => "Finished",
    };
}
