#include "pager.h"

#include "api/apierror.h"
#include "jsonpath.h"

#include <algorithm>

namespace Trove::Server {

static int rank(const Json *v)
{
    if (!v || v->is_null())
        return 0;
    if (v->is_boolean())
        return 1;
    if (v->is_number())
        return 2;
    if (v->is_string())
        return 3;
    return 4;
}

static int compareValues(const Json *a, const Json *b)
{
    const int ra = rank(a);
    const int rb = rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (ra == 0)
        return 0;
    if (*a < *b)
        return -1;
    if (*b < *a)
        return 1;
    return 0;
}

void Pager::order(std::vector<Json> *docs, const Json &orderBy)
{
    if (orderBy.is_null())
        return;
    std::vector<std::pair<std::string, bool>> keys;
    const Json list = orderBy.is_array() ? orderBy : Json::array({orderBy});
    for (const Json &k : list) {
        if (!k.is_string())
            throw ApiError(400, 12, "validation error: order_by must be a list of field names");
        std::string field = k.get<std::string>();
        bool desc = false;
        if (!field.empty() && (field[0] == '-' || field[0] == '+')) {
            desc = field[0] == '-';
            field = field.substr(1);
        }
        if (!field.empty())
            keys.push_back({field, desc});
    }
    if (keys.empty())
        return;
    std::stable_sort(docs->begin(), docs->end(), [&](const Json &a, const Json &b) {
        for (const auto &[field, desc] : keys) {
            const int c = compareValues(JsonPath::find(a, field), JsonPath::find(b, field));
            if (c != 0)
                return desc ? c > 0 : c < 0;
        }
        return false;
    });
}

static std::optional<std::size_t> sizeField(const Json &body, const char *name)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer() || it->get<long long>() < 0)
        throw ApiError(400, 12,
                       std::string("validation error: ") + name
                               + " must be a non-negative integer");
    return static_cast<std::size_t>(it->get<long long>());
}

Pager::Result Pager::window(std::vector<Json> docs, const Json &body)
{
    order(&docs, body.value("order_by", Json()));
    Result result;
    const bool scrolling = body.contains("scroll_id") || body.contains("size");
    if (scrolling) {
        std::size_t size = std::min(sizeField(body, "size").value_or(MaxPageSize), MaxPageSize);
        const Json idValue = body.value("scroll_id", Json());
        if (!idValue.is_null() && !idValue.is_string())
            throw ApiError(400, 12, "validation error: scroll_id must be a string");
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_scrolls.begin(); it != m_scrolls.end();)
            it = it->second.expires < now ? m_scrolls.erase(it) : std::next(it);
        std::string id;
        std::size_t offset = 0;
        if (idValue.is_string() && !idValue.get<std::string>().empty()) {
            id = idValue.get<std::string>();
            const auto it = m_scrolls.find(id);
            if (it == m_scrolls.end())
                throw ApiError(400, 1104, "invalid scroll id (unknown or expired): scroll_id=" + id,
                               Json{{"scroll_id", id}});
            offset = it->second.offset;
        } else {
            id = Util::newId();
        }
        if (body.value("refresh_scroll", false)) {
            size = std::min(std::max(offset, size), MaxPageSize);
            offset = 0;
        }
        const std::size_t begin = std::min(offset, docs.size());
        const std::size_t end = std::min(begin + size, docs.size());
        result.items.assign(std::make_move_iterator(docs.begin() + static_cast<long>(begin)),
                            std::make_move_iterator(docs.begin() + static_cast<long>(end)));
        m_scrolls[id] = {end, now + std::chrono::seconds(600)};
        result.scrollId = id;
        return result;
    }
    const auto page = sizeField(body, "page");
    const auto pageSize = sizeField(body, "page_size");
    std::size_t begin = 0;
    std::size_t size = MaxPageSize;
    if (page) {
        if (!pageSize)
            throw ApiError(400, 12, "validation error: page requires page_size");
        size = std::min(*pageSize, MaxPageSize);
        begin = *page * size;
    } else if (pageSize) {
        size = std::min(*pageSize, MaxPageSize);
    }
    begin = std::min(begin, docs.size());
    const std::size_t end = std::min(begin + size, docs.size());
    result.items.assign(std::make_move_iterator(docs.begin() + static_cast<long>(begin)),
                        std::make_move_iterator(docs.begin() + static_cast<long>(end)));
    return result;
}

Json projectFields(const Json &doc, const Json &onlyFields)
{
    if (!onlyFields.is_array() || onlyFields.empty())
        return doc;
    Json out = Json::object();
    if (doc.contains("id"))
        out["id"] = doc["id"];
    for (const Json &f : onlyFields) {
        if (!f.is_string())
            throw ApiError(400, 12, "validation error: only_fields must be a list of strings");
        const std::string path = f.get<std::string>();
        if (path.empty())
            continue;
        // A sub-field of a reference object (project.name) also keeps the object's id.
        const auto dot = path.find('.');
        if (dot != std::string::npos) {
            const Json *parent = JsonPath::find(doc, path.substr(0, dot));
            if (parent && parent->is_object() && parent->contains("id"))
                JsonPath::copy(doc, &out, path.substr(0, dot) + ".id");
        }
        JsonPath::copy(doc, &out, path);
    }
    return out;
}

} // namespace Trove::Server
