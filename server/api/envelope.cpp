#include "envelope.h"

namespace Trove::Server {

Json Envelope::meta(int code, int subcode, const std::string &message, const Json &errorData) const
{
    const std::string id = Util::newId();
    return Json{{"id", id},
                {"trx", trx.empty() ? id : trx},
                {"endpoint",
                 {{"name", endpoint},
                  {"requested_version", requestedVersion},
                  {"actual_version", actualVersion}}},
                {"result_code", code},
                {"result_subcode", subcode},
                {"result_msg", message},
                {"error_stack", nullptr},
                {"error_data", errorData}};
}

std::string Envelope::success(const Json &data) const
{
    Json out{{"meta", meta(200, 0, "OK", Json::object())}, {"data", data}};
    return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string
Envelope::failure(int code, int subcode, const std::string &message, const Json &errorData) const
{
    Json out{{"meta", meta(code, subcode, message, errorData)}, {"data", Json::object()}};
    return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace Trove::Server
