namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Every stored instant is a UTC <see cref="DateTime"/> (one timestamp type in every table, comparable and sortable
/// in SQL on both providers); answers carry it as a <see cref="DateTimeOffset"/> with offset zero.
/// </summary>
public static class Timestamps
{
    /// <summary>A stored UTC instant as the API writes it.</summary>
    public static DateTimeOffset ToOffset(this DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
