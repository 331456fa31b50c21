#pragma once

#include "common/util.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace Trove::Server {

/// Ordering, paging and scrolling of get_all results (contract §1.7): at most 500 items per
/// call, page/page_size (page alone is an error), scroll_id/size/refresh_scroll with state kept
/// 600 s, order_by with "-" for descending.
class Pager final
{
public:
    static constexpr std::size_t MaxPageSize = 500;

    struct Result
    {
        std::vector<Json> items;
        std::optional<std::string> scrollId;
    };

    /// Sorts by order_by (stable; missing values first when ascending) and keeps the first
    /// `limit` documents (a partial sort: a page needs only its own rows ordered).
    static void
    order(std::vector<const Json *> *docs, const Json &orderBy, std::size_t limit = SIZE_MAX);

    /// How many leading rows of the ordered result the window of `body` reaches into (for a
    /// scroll, from its current offset). Throws as window() does for bad paging fields.
    std::size_t rowsNeeded(const Json &body);

    /// Orders docs (unless they are `ordered` already) and copies only the requested window
    /// into the result; docs point into the caller's store transaction. Throws ApiError
    /// (400/12 bad paging, 400/1104 bad scroll id).
    Result window(std::vector<const Json *> docs, const Json &body, bool ordered = false);

private:
    struct ScrollState
    {
        std::size_t offset = 0;
        std::chrono::steady_clock::time_point expires;
    };
    std::mutex m_mutex;
    std::map<std::string, ScrollState> m_scrolls;
};

/// only_fields projection: keeps the listed dotted paths; "id" is always kept.
Json projectFields(const Json &doc, const Json &onlyFields);

} // namespace Trove::Server
