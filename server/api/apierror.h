#pragma once

#include "common/util.h"

#include <stdexcept>
#include <string>

namespace Trove::Server {

/// A ClearML error: HTTP status (== meta.result_code), subcode and message. Services throw it;
/// the dispatcher turns it into an envelope. The message always says what was wrong.
class ApiError final : public std::runtime_error
{
public:
    ApiError(int code, int subcode, std::string message, Json data = Json::object())
        : std::runtime_error(message)
        , m_code(code)
        , m_subcode(subcode)
        , m_data(std::move(data))
    {}

    int code() const { return m_code; }
    int subcode() const { return m_subcode; }
    const Json &data() const { return m_data; }

    static ApiError missingField(const std::string &field)
    {
        return {400, 11, "missing required fields: " + field, Json{{"fields", field}}};
    }
    static ApiError validation(const std::string &what)
    {
        return {400, 12, "validation error: " + what};
    }
    static ApiError invalidTaskId(const std::string &id)
    {
        return {400, 101, "invalid task id: id=" + id, Json{{"id", id}}};
    }
    static ApiError invalidModelId(const std::string &id)
    {
        return {400, 201, "invalid model id: id=" + id, Json{{"id", id}}};
    }
    static ApiError invalidProjectId(const std::string &id)
    {
        return {400, 401, "invalid project id: id=" + id, Json{{"id", id}}};
    }

private:
    int m_code;
    int m_subcode;
    Json m_data;
};

} // namespace Trove::Server
