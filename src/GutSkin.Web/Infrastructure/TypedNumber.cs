using System.Globalization;

namespace GutSkin.Web.Infrastructure;

/// <summary>A number as a member types it into a form: a decimal point or a decimal comma, read the same anywhere.</summary>
public static class TypedNumber
{
    public static bool TryRead(string text, out double value) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
