#pragma once

#include "common/util.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
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

    class Transaction final
    {
    public:
        explicit Transaction(Store &store);
        ~Transaction(); ///< rolls back unless committed
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

        std::optional<Json> get(const std::string &collection, const std::string &id) const;
        /// All documents of a collection (pending writes included), in insertion order.
        std::vector<Json> all(const std::string &collection) const;
        void put(const std::string &collection, const std::string &id, const Json &doc);
        void remove(const std::string &collection, const std::string &id);
        void appendEvent(const std::string &task, const std::string &line);
        bool isRevoked(const std::string &session) const;
        void revoke(const std::string &session);
        /// Commits; throws ApiError 500 when SQLite refuses.
        void commit();

    private:
        Store &m_store;
        std::unique_lock<std::mutex> m_lock;
        std::map<std::pair<std::string, std::string>, std::optional<Json>> m_pending;
        std::vector<std::string> m_revoked;
        bool m_done = false;
    };

private:
    friend class Transaction;
    struct Collection
    {
        std::map<std::string, Json> docs;
        std::map<std::string, std::int64_t> order;
        std::int64_t nextOrder = 0;
    };
    bool exec(const char *sql, QString *error = nullptr);
    bool load(QString *error);

    sqlite3 *m_db = nullptr;
    std::mutex m_mutex;
    std::map<std::string, Collection> m_collections;
    std::map<std::string, bool> m_revoked;
};

} // namespace Trove::Server
