using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Experiments;

public sealed class IndexModel(ExperimentService experiments) : MemberPageModel
{
    public List<ExperimentResponse> Experiments { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = CurrentMember;

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
