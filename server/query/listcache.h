#pragma once

#include "common/util.h"
#include "store/store.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace Trove::Server {

/// The filtered and ordered documents of recent get_all queries, so that the next page of a
/// scroll, or the same query polled again (a UI refreshing its list), costs the page alone
/// instead of a pass over the whole collection. An entry holds pointers into the store's
/// memory mirror and is valid only while the collections it read are unchanged: the caller
/// passes their generations (Store::Transaction::generation()) as the stamp, and looks up and
/// inserts under a read transaction, so no write can run meanwhile. Least recently used
/// entries go first; small results are not worth keeping and are left out by the caller.
class ListCache final
{
public:
    using Stamp = std::vector<std::uint64_t>;
    static constexpr std::size_t MaxEntries = 8;
    /// Collections smaller than this are scanned every time.
    static constexpr std::size_t MinDocuments = 2000;

    /// The canonical query of a get_all body: the body without its paging and projection
    /// fields (page, page_size, scroll_id, size, refresh_scroll, only_fields), prefixed by
    /// the collection.
    static std::string queryKey(const std::string &collection, const Json &body);

    /// The documents of `collection` that `matches` accepts, ordered by the body's order_by
    /// (Pager::order), at least their first `needed` (all of them if fewer): from the cache
    /// while `collection` and `alsoReads` are unchanged, else computed, and kept when the
    /// collection is large enough to be worth it. A first computation orders only the rows
    /// asked for (a partial sort, as cheap as without a cache); a query that then reaches
    /// past them is ordered whole, once. `tx` must be a read transaction.
    std::vector<const Json *> ordered(const Store::Transaction &tx,
                                      const std::string &collection,
                                      const Json &body,
                                      std::size_t needed,
                                      const std::vector<std::string> &alsoReads,
                                      const std::function<bool(const Json &)> &matches);

    /// A kept result with at least `needed` leading rows (or all of them). `tooShort` is set
    /// when a current but partial result exists that does not reach that far.
    std::optional<std::vector<const Json *>> find(const std::string &query,
                                                  const Stamp &stamp,
                                                  std::size_t needed,
                                                  bool *tooShort = nullptr);
    /// `complete`: docs are the whole result, not only its first rows.
    void insert(const std::string &query,
                const Stamp &stamp,
                std::vector<const Json *> docs,
                bool complete);

private:
    struct Entry
    {
        std::string query;
        Stamp stamp;
        std::vector<const Json *> docs;
        bool complete = false;
    };
    std::mutex m_mutex;
    std::list<Entry> m_entries; ///< most recently used first
};

} // namespace Trove::Server
