#pragma once

#include "common/util.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace Trove::Server {

/// The metadata store: JSON documents per collection ("projects", "tasks", "models", …) in one
/// SQLite file (WAL, synchronous=FULL), mirrored in memory for reads. Every write call of the
/// API is one Transaction: it holds the store lock, and its changes reach the memory mirror
/// only after COMMIT succeeded, so nothing acknowledged is lost and nothing failed is seen.
class Store final
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    bool open(const QString &path, QString *error);

    /// Read transactions share the store (list calls run in parallel); a write transaction
    /// has it alone.
    enum class Access { Read, Write };

    class Transaction final
    {
    public:
        explicit Transaction(Store &store, Access access = Access::Write);
        ~Transaction(); ///< rolls back unless committed
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

        std::optional<Json> get(const std::string &collection, const std::string &id) const;
        /// All documents of a collection (pending writes included), in insertion order.
        std::vector<Json> all(const std::string &collection) const;
        /// The same without copying: pointers that stay valid until this transaction writes
        /// to that document or ends (read paths filter on these and copy only what they send).
        std::vector<const Json *> view(const std::string &collection) const;
        /// Changes whenever a commit changes the collection (never repeats, 0 before the
        /// first write): what ListCache entries are stamped with.
        std::uint64_t generation(const std::string &collection) const;
        void put(const std::string &collection, const std::string &id, const Json &doc);
        void remove(const std::string &collection, const std::string &id);
        void appendEvent(const std::string &task, const std::string &line);
        bool isRevoked(const std::string &session) const;
        void revoke(const std::string &session);
        /// Commits; throws ApiError 500 when SQLite refuses.
        void commit();

    private:
        void requireWrite() const;
        Store &m_store;
        std::unique_lock<std::shared_mutex> m_writeLock;
        std::shared_lock<std::shared_mutex> m_readLock;
        std::map<std::pair<std::string, std::string>, std::optional<Json>> m_pending;
        std::vector<std::string> m_revoked;
        bool m_done = false;
    };

private:
    friend class Transaction;
    struct Entry
    {
        Json doc;
        std::int64_t seq = 0; ///< insertion order
    };
    struct Collection
    {
        std::map<std::string, Entry> docs;
        std::int64_t nextOrder = 0;
        std::uint64_t generation = 0;
    };
    bool exec(const char *sql, QString *error = nullptr);
    bool load(QString *error);

    sqlite3 *m_db = nullptr;
    std::shared_mutex m_mutex;
    std::map<std::string, Collection> m_collections;
    std::map<std::string, bool> m_revoked;
    std::uint64_t m_generations = 0; ///< the last generation handed out
};

} // namespace Trove::Server
