#include "sha256.h"

#include <openssl/evp.h>

namespace Trove {

void Sha256::Free::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Sha256::~Sha256() = default;

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
}

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_ctx.get(), data.data(), static_cast<std::size_t>(data.size()));
}

QByteArray Sha256::result() const
{
    // Finalize a copy so that result() can be asked for more than once, as with Qt's class.
    std::unique_ptr<EVP_MD_CTX, Free> copy(EVP_MD_CTX_new());
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (!copy || !EVP_MD_CTX_copy_ex(copy.get(), m_ctx.get())
        || !EVP_DigestFinal_ex(copy.get(), reinterpret_cast<unsigned char *>(digest.data()),
                               &length))
        return QByteArray();
    digest.truncate(static_cast<qsizetype>(length));
    return digest;
}

QByteArray Sha256::hashHex(QByteArrayView data)
{
    Sha256 hash;
    hash.addData(data);
    return hash.result().toHex();
}

} // namespace Trove
