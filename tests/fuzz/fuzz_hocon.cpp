// Fuzz target: the HOCON parser (clearml.conf, pasted snippets) on arbitrary bytes.
#include "config/clearmlconfig.h"
#include "config/hoconparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    Trove::HoconOptions options;
    options.environment = QProcessEnvironment();
    options.environment.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
    QStringList warnings;
    auto tree = Trove::HoconParser::parse(text, QStringLiteral("fuzz.conf"), options, &warnings);
    if (tree.ok()) {
        (void)tree.value().dump();
        // Building the typed configuration must not throw on any tree shape.
        const Trove::ClearmlConfig c
                = Trove::ClearmlConfig::fromTree(tree.value(), options.environment);
        (void)c.hasCredentials();
    } else if (!tree.error().message.startsWith(QLatin1String("line "))) {
        __builtin_trap(); // every parse error names its position
    }
    return 0;
}
