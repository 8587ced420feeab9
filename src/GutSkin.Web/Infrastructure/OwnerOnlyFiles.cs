using System.Runtime.InteropServices;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Every file the app writes (the database and its -wal and -shm, backups, the key file, mail in the pickup folder,
/// cover images) is health data or a secret, so it is for the app's own user alone: files 0600, folders 0700.
/// The process umask (077) covers what libraries create on their own (SQLite's files, MimeKit's .eml files); the
/// files that matter most are also created with an explicit mode, which holds whatever umask a host sets later.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Sets the process umask to 077; on Windows, where files inherit their folder's ACL, it does nothing.</summary>
    public static void RestrictProcess()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111);
        }
    }

    public static DirectoryInfo CreateDirectory(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, DirectoryMode);

    /// <summary>A new file, 0600 from the moment it exists; fails if it exists already.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Takes group and other access away from an existing file (one made by an earlier version); answers whether it had any.</summary>
    public static bool Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOthers) == 0)
        {
            return false;
        }

        File.SetUnixFileMode(path, mode & ~GroupAndOthers);
        return true;
    }

    // DllImport rather than LibraryImport: a blittable signature needs no generated marshalling, nor unsafe code.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}
