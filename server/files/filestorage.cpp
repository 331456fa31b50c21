#include "filestorage.h"

#include "common/util.h"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

namespace fs = std::filesystem;

namespace Trove::Server {

bool FileStorage::open(const QString &root, const QString &tempDir, QString *error)
{
    std::error_code ec;
    fs::create_directories(root.toStdString(), ec);
    fs::create_directories(tempDir.toStdString(), ec);
    m_root = fs::canonical(root.toStdString(), ec);
    if (ec) {
        *error = QStringLiteral("cannot create files folder %1: %2")
                         .arg(root, QString::fromStdString(ec.message()));
        return false;
    }
    m_temp = fs::canonical(tempDir.toStdString(), ec);
    if (ec) {
        *error = QStringLiteral("cannot create %1").arg(tempDir);
        return false;
    }
    for (const auto &entry : fs::directory_iterator(m_temp, ec))
        fs::remove_all(entry.path(), ec);
    return true;
}

std::optional<std::string> FileStorage::relativePath(const std::string &path, bool decode) const
{
    std::string decoded;
    if (decode) {
        if (!Util::percentDecode(path, &decoded))
            return std::nullopt;
    } else {
        decoded = path;
    }
    // One more decoding layer ("%2e%2e", "%252e%252e") must not smuggle traversal either.
    std::string twice;
    if (Util::percentDecode(decoded, &twice) && twice != decoded) {
        for (const auto &seg : Util::split(twice, '/'))
            if (seg == "..")
                return std::nullopt;
    }
    if (decoded.empty() || decoded.size() > 4096 || decoded.find('\0') != std::string::npos
        || decoded.find('\\') != std::string::npos)
        return std::nullopt;
    std::string out;
    for (const auto &seg : Util::split(decoded, '/')) {
        if (seg.empty() || seg == ".")
            continue;
        if (seg == ".." || seg.size() > 255)
            return std::nullopt;
        out += (out.empty() ? "" : "/") + seg;
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<fs::path> FileStorage::resolve(const std::string &relative) const
{
    const fs::path full = m_root / relative;
    std::error_code ec;
    // Every existing component must stay inside the root once symlinks are followed.
    const fs::path canonical = fs::weakly_canonical(full, ec);
    if (ec)
        return std::nullopt;
    const std::string c = canonical.string();
    const std::string r = m_root.string();
    if (c != r && c.compare(0, r.size() + 1, r + "/") != 0)
        return std::nullopt;
    return full;
}

bool FileStorage::fsyncDirectory(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

FileStorage::Upload::Upload(FileStorage &storage, std::string relative)
    : m_storage(storage)
    , m_relative(std::move(relative))
{
    m_temp = storage.m_temp / ("upload-" + Util::newId());
    m_file = std::fopen(m_temp.c_str(), "wb");
}

FileStorage::Upload::~Upload()
{
    if (m_file) {
        std::fclose(m_file);
        std::error_code ec;
        fs::remove(m_temp, ec);
    }
}

bool FileStorage::Upload::write(const char *data, std::size_t size)
{
    if (!m_file || m_failed)
        return false;
    if (std::fwrite(data, 1, size, m_file) != size)
        m_failed = true;
    return !m_failed;
}

bool FileStorage::Upload::commit(std::string *error)
{
    if (!m_file || m_failed) {
        *error = "write failed";
        return false;
    }
    const bool flushed = std::fflush(m_file) == 0 && ::fsync(fileno(m_file)) == 0;
    std::fclose(m_file);
    m_file = nullptr;
    std::error_code ec;
    if (!flushed) {
        fs::remove(m_temp, ec);
        *error = "cannot flush upload to disk";
        return false;
    }
    const auto target = m_storage.resolve(m_relative);
    if (!target) {
        fs::remove(m_temp, ec);
        *error = "path leaves the storage root";
        return false;
    }
    fs::create_directories(target->parent_path(), ec);
    if (ec || fs::is_directory(*target)) {
        fs::remove(m_temp, ec);
        *error = "cannot create folder for " + m_relative;
        return false;
    }
    fs::rename(m_temp, *target, ec);
    if (ec) {
        fs::remove(m_temp, ec);
        *error = "cannot store " + m_relative + ": " + ec.message();
        return false;
    }
    // Make the new name durable, and the folders created on the way.
    for (fs::path dir = target->parent_path();; dir = dir.parent_path()) {
        fsyncDirectory(dir);
        if (dir == m_storage.m_root || dir.string().size() <= m_storage.m_root.string().size())
            break;
    }
    return true;
}

bool FileStorage::remove(const std::string &relative, bool allowDirs, std::string *error)
{
    const auto target = resolve(relative);
    std::error_code ec;
    if (!target || !fs::exists(fs::symlink_status(*target, ec))) {
        *error = "not found";
        return false;
    }
    if (fs::is_directory(fs::symlink_status(*target, ec))) {
        if (!allowDirs) {
            *error = "not a file";
            return false;
        }
        fs::remove_all(*target, ec);
    } else {
        fs::remove(*target, ec);
    }
    if (ec) {
        *error = ec.message();
        return false;
    }
    fsyncDirectory(target->parent_path());
    return true;
}

} // namespace Trove::Server
