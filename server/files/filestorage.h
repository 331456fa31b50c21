#pragma once

#include <QString>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace Trove::Server {

/// The file server's disk side: maps URL paths to files under one root, refusing anything
/// that could leave it (.., absolute paths, encoded variants, NUL, symlinks out of the root),
/// and writes uploads crash-safely: temp file outside the root, fsync, atomic rename, fsync of
/// the directory. Temp files are never visible under the root.
class FileStorage final
{
public:
    /// root: <data>/files; tempDir: <data>/files-tmp (same filesystem). Leftover temp files
    /// of a crashed upload are removed here.
    bool open(const QString &root, const QString &tempDir, QString *error);

    /// The decoded relative path ("demo/t.1/a b.txt") of a URL path, or nullopt if it is not
    /// a safe path. decode: percent-decode first; false for multipart part names and for
    /// httplib's Request::path, which httplib has decoded once already (a second decoding
    /// would turn a stored "a%22b", the SDK's quoting of a", into a"b). Either way a ".."
    /// hidden under one more layer of encoding is refused.
    std::optional<std::string> relativePath(const std::string &path, bool decode) const;

    /// Absolute path for a safe relative path; nullopt when an existing component is a
    /// symlink leading out of the root.
    std::optional<std::filesystem::path> resolve(const std::string &relative) const;

    const std::filesystem::path &root() const { return m_root; }

    /// One upload in progress.
    class Upload final
    {
    public:
        Upload(FileStorage &storage, std::string relative);
        ~Upload(); ///< removes the temp file unless committed
        Upload(const Upload &) = delete;
        Upload &operator=(const Upload &) = delete;
        bool isOpen() const { return m_file != nullptr; }
        bool write(const char *data, std::size_t size);
        /// fsync, rename into place, fsync the directory. False on any failure.
        bool commit(std::string *error);
        const std::string &relative() const { return m_relative; }

    private:
        FileStorage &m_storage;
        std::string m_relative;
        std::filesystem::path m_temp;
        std::FILE *m_file = nullptr;
        bool m_failed = false;
    };

    /// Removes a file (or, with allowDirs, a folder tree). Returns false if not found.
    bool remove(const std::string &relative, bool allowDirs, std::string *error);

    static bool fsyncDirectory(const std::filesystem::path &dir);

private:
    std::filesystem::path m_root;
    std::filesystem::path m_temp;
};

} // namespace Trove::Server
