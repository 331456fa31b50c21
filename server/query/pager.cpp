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

void Pager::order(std::vector<const Json *> *docs, const Json &orderBy, std::size_t limit)
{
    if (orderBy.is_null())
        return;
    std::vector<std::pair<std::vector<std::string>, bool>> keys;
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
            keys.push_back({Util::split(field, '.'), desc});
    }
    if (keys.empty())
        return;
    // Look every sort key up once per document, then sort (doc, keys) rows.
    const std::size_t n = keys.size();
    std::vector<const Json *> sortKeys(docs->size() * n);
    std::vector<std::size_t> rows(docs->size());
    for (std::size_t i = 0; i < docs->size(); ++i) {
        rows[i] = i;
        for (std::size_t k = 0; k < n; ++k)
            sortKeys[i * n + k] = JsonPath::find(*(*docs)[i], keys[k].first);
    }
    // Ties keep the store order (a stable sort); only the first `limit` rows need ordering.
    const auto before = [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < n; ++k) {
            const int c = compareValues(sortKeys[a * n + k], sortKeys[b * n + k]);
            if (c != 0)
                return keys[k].second ? c > 0 : c < 0;
        }
        return a < b;
    };
    const std::size_t head = std::min(limit, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<long>(head), rows.end(), before);
    rows.resize(head);
    std::vector<const Json *> sorted;
    sorted.reserve(rows.size());
    for (const std::size_t r : rows)
        sorted.push_back((*docs)[r]);
    *docs = std::move(sorted);
}

static void copyWindow(const std::vector<const Json *> &docs,
                       std::size_t begin,
                       std::size_t end,
                       std::vector<Json> *out)
{
    out->reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        out->push_back(*docs[i]);
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

std::size_t Pager::rowsNeeded(const Json &body)
{
    if (body.contains("scroll_id") || body.contains("size")) {
        const std::size_t size
                = std::min(sizeField(body, "size").value_or(MaxPageSize), MaxPageSize);
        std::size_t offset = 0;
        const Json idValue = body.value("scroll_id", Json());
        if (idValue.is_string()) {
            std::lock_guard lock(m_mutex);
            const auto it = m_scrolls.find(idValue.get<std::string>());
            if (it != m_scrolls.end())
                offset = it->second.offset;
        }
        return offset + std::max(offset, size); // covers refresh_scroll too
    }
    const auto page = sizeField(body, "page");
    const auto pageSize = sizeField(body, "page_size");
    const std::size_t size = std::min(pageSize.value_or(MaxPageSize), MaxPageSize);
    return (page ? *page * size : 0) + size;
}

Pager::Result Pager::window(std::vector<const Json *> docs, const Json &body, bool ordered)
{
    const Json orderBy = ordered ? Json() : body.value("order_by", Json());
    Result result;
    const bool scrolling = body.contains("scroll_id") || body.contains("size");
    if (scrolling) {
        std::size_t size = std::min(sizeField(body, "size").value_or(MaxPageSize), MaxPageSize);
        const Json idValue = body.value("scroll_id", Json());
        if (!idValue.is_null() && !idValue.is_string())
            throw ApiError(400, 12, "validation error: scroll_id must be a string");
        std::string id;
        std::size_t offset = 0;
        {
            std::lock_guard lock(m_mutex);
            const auto now = std::chrono::steady_clock::now();
            for (auto it = m_scrolls.begin(); it != m_scrolls.end();)
                it = it->second.expires < now ? m_scrolls.erase(it) : std::next(it);
            if (idValue.is_string() && !idValue.get<std::string>().empty()) {
                id = idValue.get<std::string>();
                const auto it = m_scrolls.find(id);
                if (it == m_scrolls.end())
                    throw ApiError(400, 1104,
                                   "invalid scroll id (unknown or expired): scroll_id=" + id,
                                   Json{{"scroll_id", id}});
                offset = it->second.offset;
            } else {
                id = Util::newId();
            }
        }
        if (body.value("refresh_scroll", false)) {
            size = std::min(std::max(offset, size), MaxPageSize);
            offset = 0;
        }
        order(&docs, orderBy, offset + size);
        const std::size_t begin = std::min(offset, docs.size());
        const std::size_t end = std::min(begin + size, docs.size());
        copyWindow(docs, begin, end, &result.items);
        std::lock_guard lock(m_mutex);
        m_scrolls[id] = {end, std::chrono::steady_clock::now() + std::chrono::seconds(600)};
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
    order(&docs, orderBy, begin + size);
    begin = std::min(begin, docs.size());
    const std::size_t end = std::min(begin + size, docs.size());
    copyWindow(docs, begin, end, &result.items);
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
        std::string prefix;
        const auto parts = Util::split(path, '.');
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            prefix += (i ? "." : "") + parts[i];
            const Json *direct = JsonPath::find(doc, prefix);
            if (direct && direct->is_object() && direct->empty() && !JsonPath::find(out, prefix))
                JsonPath::copy(doc, &out, prefix); // a missing reference stays {}
            for (const Json &v : JsonPath::collect(doc, prefix))
                if (v.is_object() && v.contains("id") && v["id"].is_string()) {
                    JsonPath::copy(doc, &out, prefix + ".id");
                    break;
                }
        }
        JsonPath::copy(doc, &out, path);
    }
    return out;
}

} // namespace Trove::Server
