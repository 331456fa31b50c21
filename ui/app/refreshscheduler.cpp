#include "refreshscheduler.h"

#include <algorithm>

namespace Trove {

RefreshScheduler::RefreshScheduler(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshScheduler::onTimeout);
}

RefreshScheduler::~RefreshScheduler() = default;

void RefreshScheduler::setIntervals(int minimumMs, int maximumMs)
{
    m_minimum = std::max(1, minimumMs);
    m_maximum = std::max(m_minimum, maximumMs);
    m_interval = std::clamp(m_interval, m_minimum, m_maximum);
    if (m_timer.isActive())
        schedule();
}

void RefreshScheduler::start()
{
    m_active = true;
    m_waiting = false;
    m_interval = m_minimum;
    schedule();
}

void RefreshScheduler::stop()
{
    m_active = false;
    m_waiting = false;
    m_timer.stop();
}

void RefreshScheduler::schedule()
{
    if (m_active && !m_waiting)
        m_timer.start(m_interval);
}

void RefreshScheduler::onTimeout()
{
    if (!m_active)
        return;
    m_waiting = true;
    emit refreshDue();
}

void RefreshScheduler::reportResult(bool changed)
{
    m_waiting = false;
    m_interval = changed ? m_minimum : std::min(m_maximum, m_interval * 2);
    schedule();
}

void RefreshScheduler::reportError()
{
    m_waiting = false;
    m_interval = std::min(m_maximum, m_interval * 2);
    schedule();
}

void RefreshScheduler::userActivity()
{
    if (m_interval == m_minimum)
        return;
    m_interval = m_minimum;
    if (m_timer.isActive())
        schedule(); // restart with the short delay
}

} // namespace Trove
