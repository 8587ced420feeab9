using System.Runtime.InteropServices;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Gives freed native memory back to the system. glibc keeps what a thread frees in that thread's malloc arena (one
/// per thread, up to 8 per core) for later, so every thread that once decoded a photo in libvips kept a photo's worth of
/// pixel buffers, and the process's peak grew with each new thread. Trimming after each photo keeps the peak to the
/// photos being processed (docs/performance.md, "Skin photos"). Without glibc (musl, Windows, macOS) nothing happens.
/// </summary>
public static class MallocArenas
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            _unavailable = true; // not glibc
        }
    }

    // DllImport rather than LibraryImport: a blittable signature needs no generated marshalling, nor unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
