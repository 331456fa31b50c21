#include "npzdecoder.h"

#include "preview/zipreader.h"

namespace Trove {

NpzDecoder::NpzDecoder(ByteSource &source, PreviewOptions options)
    : m_source(source)
    , m_options(options)
{}

NpzDecoder::~NpzDecoder() = default;

QStringList NpzDecoder::warnings() const
{
    return m_zip ? m_zip->warnings() : QStringList();
}

Result<QList<NpzMember>> NpzDecoder::open()
{
    m_members.clear();
    m_zip = std::make_unique<ZipReader>(m_source, m_options);
    if (auto st = m_zip->open(); !st)
        return st.error();
    const auto &entries = m_zip->entries();
    for (int i = 0; i < entries.size(); ++i) {
        const ZipEntry &e = entries[i];
        if (e.isDirectory)
            continue;
        NpzMember m;
        m.fileName = e.name;
        m.name = e.name.endsWith(QLatin1String(".npy")) ? e.name.chopped(4) : e.name;
        m.zipIndex = i;
        m.compressed = e.method != 0;
        m.compressedSize = e.compressedSize;
        m.size = e.uncompressedSize;
        if (m_members.size() >= kMaxHeaders) {
            m.error = QStringLiteral("not read: more than %1 members").arg(kMaxHeaders);
        } else if (e.encrypted || (e.method != 0 && e.method != 8)) {
            m.error = QStringLiteral("unsupported member (%1%2)")
                              .arg(e.methodName(),
                                   e.encrypted ? QStringLiteral(", encrypted") : QString());
        } else {
            auto source = m_zip->memberSource(i);
            if (!source) {
                m.error = source.error().message;
            } else {
                NpyDecoder npy(**source, m_options);
                auto header = npy.open();
                if (header)
                    m.header = header.value();
                else if (header.error().isCancelled())
                    return header.error();
                else
                    m.error = header.error().message;
            }
        }
        m_members.append(std::move(m));
    }
    return m_members;
}

Result<std::unique_ptr<NpyDecoder>> NpzDecoder::member(int index)
{
    if (!m_zip || index < 0 || index >= m_members.size())
        return Error::make(Error::Kind::Parse, QStringLiteral("no such npz member"),
                           m_source.name());
    auto source = m_zip->memberSource(m_members[index].zipIndex);
    if (!source)
        return source.error();
    auto decoder = std::make_unique<NpyDecoder>(std::move(source.value()), m_options);
    if (auto header = decoder->open(); !header)
        return header.error();
    return decoder;
}

} // namespace Trove
