#include "store.h"

#include "api/apierror.h"

#include <sqlite3.h>

#include <algorithm>

namespace Trove::Server {

namespace {
struct Statement
{
    sqlite3_stmt *stmt = nullptr;
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
    ~Statement() { sqlite3_finalize(stmt); }
    void bind(int i, const std::string &s)
    {
        sqlite3_bind_text(stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
};
} // namespace

Store::Store() = default;

Store::~Store()
{
    if (m_db)
        sqlite3_close(m_db);
}

bool Store::exec(const char *sql, QString *error)
{
    char *msg = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(msg ? msg : "sqlite error");
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool Store::open(const QString &path, QString *error)
{
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr)
        != SQLITE_OK) {
        *error = QStringLiteral("cannot open database %1: %2")
                         .arg(path, QString::fromUtf8(sqlite3_errmsg(m_db)));
        return false;
    }
    sqlite3_busy_timeout(m_db, 5000);
    if (!exec("PRAGMA journal_mode=WAL", error) || !exec("PRAGMA synchronous=FULL", error)
        || !exec("CREATE TABLE IF NOT EXISTS documents (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                 " collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,"
                 " UNIQUE(collection, id))",
                 error)
        || !exec("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                 " task TEXT, line TEXT)",
                 error)
        || !exec("CREATE TABLE IF NOT EXISTS revoked (session TEXT PRIMARY KEY)", error))
        return false;
    return load(error);
}

bool Store::load(QString *error)
{
    Statement st(m_db, "SELECT seq, collection, id, doc FROM documents ORDER BY seq");
    if (!st.stmt) {
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    while (sqlite3_step(st.stmt) == SQLITE_ROW) {
        const std::int64_t seq = sqlite3_column_int64(st.stmt, 0);
        const std::string collection
                = reinterpret_cast<const char *>(sqlite3_column_text(st.stmt, 1));
        const std::string id = reinterpret_cast<const char *>(sqlite3_column_text(st.stmt, 2));
        const char *text = reinterpret_cast<const char *>(sqlite3_column_text(st.stmt, 3));
        Json doc = Json::parse(text ? text : "", nullptr, false);
        if (!doc.is_object())
            continue;
        auto &c = m_collections[collection];
        c.docs[id] = Entry{std::move(doc), seq};
        c.nextOrder = std::max(c.nextOrder, seq + 1);
    }
    Statement rv(m_db, "SELECT session FROM revoked");
    while (rv.stmt && sqlite3_step(rv.stmt) == SQLITE_ROW)
        m_revoked[reinterpret_cast<const char *>(sqlite3_column_text(rv.stmt, 0))] = true;
    return true;
}

Store::Transaction::Transaction(Store &store, Access access)
    : m_store(store)
{
    if (access == Access::Write)
        m_writeLock = std::unique_lock(store.m_mutex);
    else
        m_readLock = std::shared_lock(store.m_mutex);
}

void Store::Transaction::requireWrite() const
{
    if (!m_writeLock.owns_lock())
        throw ApiError(500, 0, "internal error: write in a read transaction");
}

Store::Transaction::~Transaction() = default;

std::optional<Json> Store::Transaction::get(const std::string &collection,
                                            const std::string &id) const
{
    const auto p = m_pending.find({collection, id});
    if (p != m_pending.end())
        return p->second;
    const auto c = m_store.m_collections.find(collection);
    if (c == m_store.m_collections.end())
        return std::nullopt;
    const auto d = c->second.docs.find(id);
    if (d == c->second.docs.end())
        return std::nullopt;
    return d->second.doc;
}

std::vector<Json> Store::Transaction::all(const std::string &collection) const
{
    std::vector<Json> out;
    const std::vector<const Json *> docs = view(collection);
    out.reserve(docs.size());
    for (const Json *doc : docs)
        out.push_back(*doc);
    return out;
}

std::uint64_t Store::Transaction::generation(const std::string &collection) const
{
    const auto c = m_store.m_collections.find(collection);
    return c == m_store.m_collections.end() ? 0 : c->second.generation;
}

std::vector<const Json *> Store::Transaction::view(const std::string &collection) const
{
    std::vector<std::pair<std::int64_t, const Json *>> items;
    const auto c = m_store.m_collections.find(collection);
    std::int64_t next = 0;
    if (c != m_store.m_collections.end()) {
        next = c->second.nextOrder;
        items.reserve(c->second.docs.size());
        const bool pending = !m_pending.empty();
        for (const auto &[id, entry] : c->second.docs) {
            if (pending && m_pending.count({collection, id}))
                continue;
            items.push_back({entry.seq, &entry.doc});
        }
    }
    for (const auto &[key, doc] : m_pending) {
        if (key.first != collection || !doc)
            continue;
        std::int64_t seq = next++;
        if (c != m_store.m_collections.end()) {
            const auto o = c->second.docs.find(key.second);
            if (o != c->second.docs.end())
                seq = o->second.seq;
        }
        items.push_back({seq, &*doc});
    }
    std::sort(items.begin(), items.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<const Json *> out;
    out.reserve(items.size());
    for (const auto &item : items)
        out.push_back(item.second);
    return out;
}

void Store::Transaction::put(const std::string &collection, const std::string &id, const Json &doc)
{
    requireWrite();
    m_pending[{collection, id}] = doc;
}

void Store::Transaction::remove(const std::string &collection, const std::string &id)
{
    requireWrite();
    m_pending[{collection, id}] = std::nullopt;
}

void Store::Transaction::appendEvent(const std::string &task, const std::string &line)
{
    requireWrite();
    m_pending[{"\x01events", Util::newId()}] = Json{{"task", task}, {"line", line}};
}

bool Store::Transaction::isRevoked(const std::string &session) const
{
    return m_store.m_revoked.count(session) > 0;
}

void Store::Transaction::revoke(const std::string &session)
{
    requireWrite();
    m_revoked.push_back(session);
}

void Store::Transaction::commit()
{
    if (m_done)
        return;
    m_done = true;
    if (m_pending.empty() && m_revoked.empty())
        return;
    sqlite3 *db = m_store.m_db;
    if (!m_store.exec("BEGIN IMMEDIATE"))
        throw ApiError(500, 0, "database error: cannot begin transaction");
    bool ok = true;
    {
        Statement upsert(db, "INSERT INTO documents (collection, id, doc) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT(collection, id) DO UPDATE SET doc = excluded.doc");
        Statement del(db, "DELETE FROM documents WHERE collection = ?1 AND id = ?2");
        Statement event(db, "INSERT INTO events (task, line) VALUES (?1, ?2)");
        Statement revoke(db, "INSERT OR IGNORE INTO revoked (session) VALUES (?1)");
        for (const auto &[key, doc] : m_pending) {
            if (!ok)
                break;
            Statement *st = nullptr;
            if (key.first == "\x01events") {
                st = &event;
                st->bind(1, doc->value("task", std::string()));
                st->bind(2, doc->value("line", std::string()));
            } else if (doc) {
                st = &upsert;
                st->bind(1, key.first);
                st->bind(2, key.second);
                st->bind(3, doc->dump(-1, ' ', false, Json::error_handler_t::replace));
            } else {
                st = &del;
                st->bind(1, key.first);
                st->bind(2, key.second);
            }
            ok = sqlite3_step(st->stmt) == SQLITE_DONE;
            sqlite3_reset(st->stmt);
            sqlite3_clear_bindings(st->stmt);
        }
        for (const auto &s : m_revoked) {
            if (!ok)
                break;
            revoke.bind(1, s);
            ok = sqlite3_step(revoke.stmt) == SQLITE_DONE;
            sqlite3_reset(revoke.stmt);
        }
    }
    if (!ok || !m_store.exec("COMMIT")) {
        const std::string msg = sqlite3_errmsg(db);
        m_store.exec("ROLLBACK");
        throw ApiError(500, 0, "database error: " + msg);
    }
    for (auto &[key, doc] : m_pending) {
        if (key.first == "\x01events")
            continue;
        auto &c = m_store.m_collections[key.first];
        c.generation = ++m_store.m_generations;
        if (doc) {
            const auto it = c.docs.find(key.second);
            if (it == c.docs.end())
                c.docs.emplace(key.second, Entry{std::move(*doc), c.nextOrder++});
            else
                it->second.doc = std::move(*doc);
        } else {
            c.docs.erase(key.second);
        }
    }
    for (const auto &s : m_revoked)
        m_store.m_revoked[s] = true;
}

} // namespace Trove::Server
