#include "httpfileresponse.h"

#include <httplib.h>

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

namespace Trove::Server::HttpFileResponse {

const char *mimeType(const std::filesystem::path &file)
{
    static const std::pair<const char *, const char *> table[]
            = {{".txt", "text/plain"},
               {".csv", "text/csv"},
               {".json", "application/json"},
               {".yaml", "application/yaml"},
               {".yml", "application/yaml"},
               {".html", "text/html"},
               {".png", "image/png"},
               {".jpg", "image/jpeg"},
               {".jpeg", "image/jpeg"},
               {".gif", "image/gif"},
               {".svg", "image/svg+xml"},
               {".webp", "image/webp"},
               {".zip", "application/zip"},
               {".pdf", "application/pdf"},
               {".npz", "application/octet-stream"},
               {".pkl", "application/octet-stream"},
               {".parquet", "application/octet-stream"},
               {".gz", "application/octet-stream"},
               {".tgz", "application/octet-stream"},
               {".md", "text/markdown"},
               {".log", "text/plain"}};
    const std::string ext = file.extension().string();
    for (const auto &[e, type] : table)
        if (ext == e)
            return type;
    return "application/octet-stream";
}

static std::string httpDate(std::time_t t)
{
    char buf[64];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

// Parses one "bytes=a-b" / "bytes=a-" / "bytes=-n" range. Returns false when malformed or
// multi-range (then the whole file is served); sets *unsatisfiable when it cannot be met.
static bool parseRange(const std::string &header,
                       std::uint64_t size,
                       std::uint64_t *begin,
                       std::uint64_t *end,
                       bool *unsatisfiable)
{
    *unsatisfiable = false;
    if (header.compare(0, 6, "bytes=") != 0 || header.find(',') != std::string::npos)
        return false;
    const std::string spec = header.substr(6);
    const auto dash = spec.find('-');
    if (dash == std::string::npos)
        return false;
    const std::string a = spec.substr(0, dash);
    const std::string b = spec.substr(dash + 1);
    auto num = [](const std::string &s, std::uint64_t *out) {
        if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
            return false;
        *out = std::stoull(s);
        return true;
    };
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    if (a.empty()) {
        if (!num(b, &y))
            return false;
        if (y == 0 || size == 0) {
            *unsatisfiable = true;
            return true;
        }
        *begin = y >= size ? 0 : size - y;
        *end = size - 1;
        return true;
    }
    if (!num(a, &x))
        return false;
    if (!b.empty() && (!num(b, &y) || y < x))
        return false;
    if (x >= size) {
        *unsatisfiable = true;
        return true;
    }
    *begin = x;
    *end = b.empty() ? size - 1 : std::min(y, size - 1);
    return true;
}

void serve(const httplib::Request &req,
           httplib::Response &res,
           const std::filesystem::path &file,
           std::int64_t bytesPerSec)
{
    struct stat st
    {
    };
    if (::stat(file.c_str(), &st) != 0) {
        res.status = 404;
        res.set_content("Not Found", "text/plain");
        return;
    }
    const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    char etagBuf[96];
    std::snprintf(etagBuf, sizeof etagBuf, "\"%llx-%llx-%llx\"",
                  static_cast<unsigned long long>(st.st_mtim.tv_sec),
                  static_cast<unsigned long long>(st.st_mtim.tv_nsec),
                  static_cast<unsigned long long>(size));
    const std::string etag = etagBuf;
    const std::string lastModified = httpDate(st.st_mtim.tv_sec);
    res.set_header("ETag", etag);
    res.set_header("Last-Modified", lastModified);
    res.set_header("Cache-Control", "public, max-age=300");
    res.set_header("Accept-Ranges", "bytes");
    if (req.has_param("download"))
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + file.filename().string() + "\"");

    const std::string inm = req.get_header_value("If-None-Match");
    if (!inm.empty() && (inm == "*" || inm.find(etag) != std::string::npos)) {
        res.status = 304;
        return;
    }

    // We apply ranges ourselves; stop cpp-httplib from applying them a second time.
    auto &mutableReq = const_cast<httplib::Request &>(req);
    mutableReq.ranges.clear();

    std::uint64_t begin = 0;
    std::uint64_t end = size == 0 ? 0 : size - 1;
    bool partial = false;
    const std::string range = req.get_header_value("Range");
    const std::string ifRange = req.get_header_value("If-Range");
    const bool rangeAllowed = ifRange.empty() || ifRange == etag || ifRange == lastModified;
    if (!range.empty() && rangeAllowed) {
        bool unsatisfiable = false;
        if (parseRange(range, size, &begin, &end, &unsatisfiable)) {
            if (unsatisfiable) {
                res.status = 416;
                res.set_header("Content-Range", "bytes */" + std::to_string(size));
                res.set_content("Requested Range Not Satisfiable", "text/plain");
                return;
            }
            partial = true;
        } else {
            begin = 0;
            end = size == 0 ? 0 : size - 1;
        }
    }
    const std::uint64_t length = size == 0 ? 0 : end - begin + 1;
    res.status = partial ? 206 : 200;
    if (partial)
        res.set_header("Content-Range", "bytes " + std::to_string(begin) + "-" + std::to_string(end)
                                                + "/" + std::to_string(size));
    const char *type = mimeType(file);
    if (length == 0) {
        res.set_content("", type);
        return;
    }
    if (req.method == "HEAD") {
        // cpp-httplib writes no body for HEAD; report the length the GET would have.
        res.set_content_provider(
                length, type, [](std::size_t, std::size_t, httplib::DataSink &) { return true; });
        return;
    }
    std::shared_ptr<std::FILE> fp(std::fopen(file.c_str(), "rb"), [](std::FILE *f) {
        if (f)
            std::fclose(f);
    });
    if (!fp) {
        res.status = 404;
        res.set_content("Not Found", "text/plain");
        return;
    }
    const auto startTime = std::chrono::steady_clock::now();
    auto sent = std::make_shared<std::uint64_t>(0);
    res.set_content_provider(
            length, type,
            [fp, begin, bytesPerSec, startTime, sent](std::size_t offset, std::size_t len,
                                                      httplib::DataSink &sink) {
                std::size_t chunk = 64 * 1024;
                if (bytesPerSec > 0)
                    chunk = std::max<std::size_t>(
                            1024, std::min<std::size_t>(
                                          chunk, static_cast<std::size_t>(bytesPerSec / 10)));
                chunk = std::min(chunk, len);
                char buf[64 * 1024];
                if (::fseeko(fp.get(), static_cast<off_t>(begin + offset), SEEK_SET) != 0)
                    return false;
                const std::size_t n = std::fread(buf, 1, chunk, fp.get());
                if (n == 0)
                    return false; // the file shrank under us: abort the response
                if (!sink.write(buf, n))
                    return false;
                *sent += n;
                if (bytesPerSec > 0) {
                    const auto due = startTime
                                     + std::chrono::microseconds(static_cast<std::int64_t>(
                                             *sent * 1000000.0 / static_cast<double>(bytesPerSec)));
                    std::this_thread::sleep_until(due);
                }
                return true;
            });
}

} // namespace Trove::Server::HttpFileResponse
