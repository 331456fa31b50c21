#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct evp_md_ctx_st;

namespace Trove {

/// Incremental SHA-256 through OpenSSL's EVP interface, which uses the CPU's SHA extensions
/// (SHA-NI/AVX2) where QCryptographicHash (Qt 6.4) runs a portable C implementation: on a
/// 1 GiB download the hash was most of the CPU time (see tests/bench/README.md).
class Sha256 final
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    /// The 32-byte digest of everything added since construction or reset().
    QByteArray result() const;
    void reset();

    /// One-shot: the lower-case hex digest of data.
    static QByteArray hashHex(QByteArrayView data);

private:
    struct Free
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> m_ctx;
};

} // namespace Trove
