#pragma once

#include <cstdint>
#include <filesystem>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace Trove::Server {

/// Answers GET/HEAD for one file: 200 or 206 (single Range), 416 when unsatisfiable, 304 on
/// If-None-Match, If-Range honoured; ETag, Last-Modified, Cache-Control; ?download adds
/// Content-Disposition; .gz is application/octet-stream. The body is streamed from disk in
/// small chunks (never loaded whole), optionally throttled to bytesPerSec.
namespace HttpFileResponse {

void serve(const httplib::Request &req,
           httplib::Response &res,
           const std::filesystem::path &file,
           std::int64_t bytesPerSec);

const char *mimeType(const std::filesystem::path &file);

} // namespace HttpFileResponse
} // namespace Trove::Server
