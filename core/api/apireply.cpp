#include "apireply.h"

#include <QMetaObject>

namespace Trove {

ApiReply::ApiReply(QString endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
{}

ApiReply::~ApiReply() = default;

void ApiReply::onFinished(QObject *context, std::function<void(ApiReply &)> fn)
{
    QPointer<QObject> guard(context);
    connect(this, &ApiReply::finished, context ? context : this, [this, guard, context, fn] {
        if (context && !guard)
            return;
        fn(*this);
    });
}

void ApiReply::cancel()
{
    if (m_finished || m_finishQueued || m_cancelled)
        return;
    m_cancelled = true;
    if (auto hook = std::move(m_cancelHook))
        hook();
    fail(Error::make(Error::Kind::Cancelled, QStringLiteral("cancelled"), m_endpoint));
}

void ApiReply::finish(Result<nlohmann::json> result, std::any value)
{
    if (m_finished || m_finishQueued)
        return;
    m_finishQueued = true;
    m_cancelHook = nullptr;
    if (result.ok()) {
        m_data = std::move(result.value());
        m_value = std::move(value);
        if (m_decoder && !m_value.has_value()) {
            try {
                m_value = m_decoder(m_data);
            } catch (const nlohmann::json::exception &e) {
                m_error = Error::make(Error::Kind::Parse,
                                      QStringLiteral("unexpected response shape: %1")
                                              .arg(QString::fromUtf8(e.what())),
                                      m_endpoint);
            }
        }
    } else {
        m_error = result.error();
        if (m_error.endpoint.isEmpty())
            m_error.endpoint = m_endpoint;
    }
    QMetaObject::invokeMethod(this, &ApiReply::emitFinished, Qt::QueuedConnection);
}

void ApiReply::fail(Error error)
{
    finish(Result<nlohmann::json>(std::move(error)));
}

void ApiReply::emitFinished()
{
    m_finished = true;
    emit finished();
    deleteLater();
}

} // namespace Trove
