#pragma once

#include "common/result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <nlohmann/json.hpp>

#include <any>
#include <functional>

namespace Trove {

/// The handle of one API operation: a single call (with its retries and re-login), or a
/// composed one (registerArtifact, lineage expansion …). Created by ApiClient/ClearmlApi,
/// parented to the client, and deleted with deleteLater() right after finished().
///
/// finished() is emitted exactly once, always asynchronously (never from inside the call that
/// created the reply), also on cancel() — then with an Error of kind Cancelled, which is not a
/// failure to show. Read the outcome in the slot with error()/data()/value<T>().
class ApiReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiReply)

public:
    explicit ApiReply(QString endpoint, QObject *parent = nullptr);
    ~ApiReply() override;

    QString endpoint() const { return m_endpoint; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && m_error.kind == Error::Kind::None; }
    /// Kind None when the call succeeded.
    const Error &error() const { return m_error; }
    /// The response's `data` object (raw calls), or the composed result.
    const nlohmann::json &data() const { return m_data; }

    /// The typed result set by a typed call (ClearmlApi documents each call's T).
    template<typename T>
    Result<T> value() const
    {
        if (!m_finished)
            return Error::make(Error::Kind::Cancelled, QStringLiteral("not finished"), m_endpoint);
        if (m_error.kind != Error::Kind::None)
            return m_error;
        if (const T *v = std::any_cast<T>(&m_value))
            return *v;
        return Error::make(Error::Kind::Parse, QStringLiteral("no typed value of this type"),
                           m_endpoint);
    }

    /// Calls `fn(const ApiReply &)` on finished, unless `context` is gone by then.
    void onFinished(QObject *context, std::function<void(ApiReply &)> fn);

    /// Typed convenience: `fn(Result<T>)` on finished, unless `context` is gone.
    template<typename T>
    void onResult(QObject *context, std::function<void(Result<T>)> fn)
    {
        onFinished(context, [fn = std::move(fn)](ApiReply &r) { fn(r.value<T>()); });
    }

    /// Aborts the network request(s) in flight; finished() follows with kind Cancelled.
    /// Safe to call at any time, more than once, or after finishing (then a no-op).
    void cancel();
    bool isCancelled() const { return m_cancelled; }

    // --- used by the producers (ApiClient, ClearmlApi) ---
    /// Converts the `data` object into the typed value on success. A JSON exception thrown
    /// by `convert` turns the reply into a Parse error (the decoding boundary).
    template<typename T>
    void setDecoder(std::function<T(const nlohmann::json &)> convert)
    {
        m_decoder = [convert = std::move(convert)](const nlohmann::json &j) -> std::any {
            return std::any(convert(j));
        };
    }
    /// Hook run by cancel(): aborts whatever is in flight for this reply.
    void setCancelHook(std::function<void()> hook) { m_cancelHook = std::move(hook); }
    /// Completes the reply (queued: finished() is emitted from the event loop).
    void finish(Result<nlohmann::json> result, std::any value = {});
    void fail(Error error);

signals:
    void finished();
    /// A retry was scheduled after `error` (attempt counts from 1).
    void retrying(int attempt, const QString &reason);

private:
    void emitFinished();

    QString m_endpoint;
    bool m_finished = false;
    bool m_finishQueued = false;
    bool m_cancelled = false;
    Error m_error;
    nlohmann::json m_data;
    std::any m_value;
    std::function<void()> m_cancelHook;
    std::function<std::any(const nlohmann::json &)> m_decoder;
};

} // namespace Trove
