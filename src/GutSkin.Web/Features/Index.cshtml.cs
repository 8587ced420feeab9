using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features;

public sealed class IndexModel(GutSkinDb db, MemberClock clock) : PageModel
{
    public bool SignedIn { get; private set; }

    public string? DisplayName { get; private set; }

    public DateOnly Today { get; private set; }

    public bool TodayLogged { get; private set; }

    public int DaysLogged { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await Member.FindAsync(db, User, ct) is not { } member)
        {
            return;
        }

        SignedIn = true;
        DisplayName = await db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).FirstAsync(ct);
        Today = clock.Today(member.TimeZone);
        TodayLogged = await db.JournalDays.AnyAsync(d => d.UserId == member.Id && d.Date == Today, ct);
        DaysLogged = await db.JournalDays.CountAsync(d => d.UserId == member.Id, ct);
    }
}
