#include "listcache.h"

#include "pager.h"

namespace Trove::Server {

std::string ListCache::queryKey(const std::string &collection, const Json &body)
{
    Json q = body.is_object() ? body : Json::object();
    for (const char *paging :
         {"page", "page_size", "scroll_id", "size", "refresh_scroll", "only_fields"})
        q.erase(paging);
    // Objects keep their keys sorted, so equal queries dump equal.
    return collection + '\n' + q.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<const Json *> ListCache::ordered(const Store::Transaction &tx,
                                             const std::string &collection,
                                             const Json &body,
                                             std::size_t needed,
                                             const std::vector<std::string> &alsoReads,
                                             const std::function<bool(const Json &)> &matches)
{
    Stamp stamp{tx.generation(collection)};
    for (const std::string &other : alsoReads)
        stamp.push_back(tx.generation(other));
    const std::string query = queryKey(collection, body);
    bool tooShort = false;
    if (auto hit = find(query, stamp, needed, &tooShort))
        return std::move(*hit);
    const std::vector<const Json *> all = tx.view(collection);
    std::vector<const Json *> docs;
    for (const Json *d : all)
        if (matches(*d))
            docs.push_back(d);
    const std::size_t matched = docs.size();
    // The first time only the rows asked for are ordered; a query reaching past them (the
    // next pages of a scroll) has the whole result ordered once.
    Pager::order(&docs, body.value("order_by", Json()), tooShort ? SIZE_MAX : needed);
    if (all.size() >= MinDocuments)
        insert(query, stamp, docs, docs.size() == matched);
    return docs;
}

std::optional<std::vector<const Json *>>
ListCache::find(const std::string &query, const Stamp &stamp, std::size_t needed, bool *tooShort)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->query != query)
            continue;
        if (it->stamp != stamp) { // the collections changed: its pointers may dangle
            m_entries.erase(it);
            return std::nullopt;
        }
        if (!it->complete && it->docs.size() < needed) {
            if (tooShort)
                *tooShort = true;
            return std::nullopt;
        }
        m_entries.splice(m_entries.begin(), m_entries, it);
        return m_entries.front().docs;
    }
    return std::nullopt;
}

void ListCache::insert(const std::string &query,
                       const Stamp &stamp,
                       std::vector<const Json *> docs,
                       bool complete)
{
    std::lock_guard lock(m_mutex);
    m_entries.remove_if([&](const Entry &e) { return e.query == query; });
    m_entries.push_front(Entry{query, stamp, std::move(docs), complete});
    while (m_entries.size() > MaxEntries)
        m_entries.pop_back();
}

} // namespace Trove::Server
