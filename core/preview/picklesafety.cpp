#include "picklesafety.h"

#include <QSet>
#include <QStringList>

namespace Trove {
namespace {

bool inModule(const QString &module, const QStringList &roots)
{
    for (const QString &root : roots) {
        if (module == root || module.startsWith(root + QLatin1Char('.')))
            return true;
    }
    return false;
}

const QStringList &dangerousModules()
{
    static const QStringList roots = {
            QStringLiteral("os"),
            QStringLiteral("posix"),
            QStringLiteral("nt"),
            QStringLiteral("subprocess"),
            QStringLiteral("sys"),
            QStringLiteral("shutil"),
            QStringLiteral("socket"),
            QStringLiteral("importlib"),
            QStringLiteral("runpy"),
            QStringLiteral("pty"),
            QStringLiteral("ctypes"),
            QStringLiteral("marshal"),
            QStringLiteral("pickle"),
            QStringLiteral("_pickle"),
            QStringLiteral("cPickle"),
            QStringLiteral("dill"),
            QStringLiteral("code"),
            QStringLiteral("codeop"),
            QStringLiteral("commands"),
            QStringLiteral("popen2"),
            QStringLiteral("webbrowser"),
            QStringLiteral("multiprocessing"),
            QStringLiteral("signal"),
            QStringLiteral("pdb"),
            QStringLiteral("bdb"),
            QStringLiteral("timeit"),
            QStringLiteral("profile"),
            QStringLiteral("cProfile"),
            QStringLiteral("trace"),
            QStringLiteral("ftplib"),
            QStringLiteral("http"),
            QStringLiteral("urllib"),
            QStringLiteral("urllib2"),
            QStringLiteral("httplib"),
            QStringLiteral("requests"),
            QStringLiteral("telnetlib"),
            QStringLiteral("smtplib"),
            QStringLiteral("paramiko"),
            QStringLiteral("asyncio"),
            QStringLiteral("_posixsubprocess"),
            QStringLiteral("posixpath"),
            QStringLiteral("ntpath"),
            QStringLiteral("tempfile"),
            QStringLiteral("zipimport"),
            QStringLiteral("pkgutil"),
            QStringLiteral("imp"),
            QStringLiteral("site"),
            QStringLiteral("builtins.__import__"),
            QStringLiteral("_io"),
            QStringLiteral("io"),
            QStringLiteral("fcntl"),
            QStringLiteral("mmap"),
            QStringLiteral("gc"),
            QStringLiteral("_thread"),
            QStringLiteral("threading"),
            QStringLiteral("torch.hub"),
            QStringLiteral("torch.jit"),
            QStringLiteral("torch._C._jit"),
            QStringLiteral("torch.serialization"),
    };
    return roots;
}

const QSet<QString> &dangerousNames()
{
    static const QSet<QString> names = {
            // builtins that execute code, touch files or reach arbitrary attributes
            QStringLiteral("builtins.eval"),
            QStringLiteral("builtins.exec"),
            QStringLiteral("builtins.compile"),
            QStringLiteral("builtins.open"),
            QStringLiteral("builtins.__import__"),
            QStringLiteral("builtins.getattr"),
            QStringLiteral("builtins.setattr"),
            QStringLiteral("builtins.delattr"),
            QStringLiteral("builtins.globals"),
            QStringLiteral("builtins.locals"),
            QStringLiteral("builtins.vars"),
            QStringLiteral("builtins.input"),
            QStringLiteral("builtins.breakpoint"),
            QStringLiteral("builtins.exit"),
            QStringLiteral("builtins.quit"),
            QStringLiteral("builtins.help"),
            QStringLiteral("builtins.memoryview"),
            QStringLiteral("__builtin__.eval"),
            QStringLiteral("__builtin__.exec"),
            QStringLiteral("__builtin__.execfile"),
            QStringLiteral("__builtin__.compile"),
            QStringLiteral("__builtin__.open"),
            QStringLiteral("__builtin__.file"),
            QStringLiteral("__builtin__.__import__"),
            QStringLiteral("__builtin__.getattr"),
            QStringLiteral("__builtin__.setattr"),
            QStringLiteral("__builtin__.apply"),
            QStringLiteral("__builtin__.reload"),
            QStringLiteral("__builtin__.globals"),
            QStringLiteral("__builtin__.input"),
            QStringLiteral("operator.attrgetter"),
            QStringLiteral("operator.methodcaller"),
            QStringLiteral("operator.call"),
            QStringLiteral("types.FunctionType"),
            QStringLiteral("types.CodeType"),
            QStringLiteral("types.LambdaType"),
            QStringLiteral("types.ModuleType"),
            QStringLiteral("numpy.load"),
            QStringLiteral("numpy.loadtxt"),
            QStringLiteral("numpy.fromfile"),
            QStringLiteral("numpy.testing._private.utils.runstring"),
            QStringLiteral("torch.load"),
            QStringLiteral("torch.save"),
            QStringLiteral("codecs.open"),
            QStringLiteral("shelve.open"),
            QStringLiteral("copyreg._reconstructor_getattr"),
    };
    return names;
}

const QSet<QString> &safeNames()
{
    static const QSet<QString> names = {
            QStringLiteral("builtins.set"),
            QStringLiteral("builtins.frozenset"),
            QStringLiteral("builtins.dict"),
            QStringLiteral("builtins.list"),
            QStringLiteral("builtins.tuple"),
            QStringLiteral("builtins.bytearray"),
            QStringLiteral("builtins.bytes"),
            QStringLiteral("builtins.str"),
            QStringLiteral("builtins.int"),
            QStringLiteral("builtins.float"),
            QStringLiteral("builtins.complex"),
            QStringLiteral("builtins.bool"),
            QStringLiteral("builtins.slice"),
            QStringLiteral("builtins.range"),
            QStringLiteral("builtins.object"),
            QStringLiteral("__builtin__.set"),
            QStringLiteral("__builtin__.frozenset"),
            QStringLiteral("__builtin__.object"),
            QStringLiteral("__builtin__.complex"),
            QStringLiteral("__builtin__.slice"),
            QStringLiteral("copy_reg._reconstructor"),
            QStringLiteral("copyreg._reconstructor"),
            QStringLiteral("copyreg.__newobj__"),
            QStringLiteral("_codecs.encode"),
            QStringLiteral("collections.OrderedDict"),
            QStringLiteral("collections.defaultdict"),
            QStringLiteral("collections.deque"),
            QStringLiteral("collections.Counter"),
            QStringLiteral("decimal.Decimal"),
            QStringLiteral("fractions.Fraction"),
            QStringLiteral("uuid.UUID"),
            QStringLiteral("pathlib.Path"),
            QStringLiteral("pathlib.PosixPath"),
            QStringLiteral("pathlib.WindowsPath"),
            QStringLiteral("pathlib.PurePosixPath"),
            QStringLiteral("pathlib.PureWindowsPath"),
            QStringLiteral("numpy.ndarray"),
            QStringLiteral("numpy.dtype"),
            QStringLiteral("numpy.core.multiarray._reconstruct"),
            QStringLiteral("numpy.core.multiarray.scalar"),
            QStringLiteral("numpy._core.multiarray._reconstruct"),
            QStringLiteral("numpy._core.multiarray.scalar"),
            QStringLiteral("numpy.core.numeric._frombuffer"),
            QStringLiteral("numpy._core.numeric._frombuffer"),
            QStringLiteral("numpy.ma.core._mareconstruct"),
            QStringLiteral("numpy.random._pickle.__randomstate_ctor"),
            QStringLiteral("numpy.random._pickle.__bit_generator_ctor"),
            QStringLiteral("pandas.core.frame.DataFrame"),
            QStringLiteral("pandas.core.series.Series"),
            QStringLiteral("pandas.core.internals.managers.BlockManager"),
            QStringLiteral("pandas.core.internals.managers.SingleBlockManager"),
            QStringLiteral("pandas.core.internals.blocks.new_block"),
            QStringLiteral("pandas._libs.internals._unpickle_block"),
            QStringLiteral("pandas._libs.tslibs.timestamps._unpickle_timestamp"),
            QStringLiteral("pandas._libs.tslibs.timedeltas._timedelta_unpickle"),
            QStringLiteral("pandas.core.indexes.base._new_Index"),
            QStringLiteral("torch._utils._rebuild_tensor"),
            QStringLiteral("torch._utils._rebuild_tensor_v2"),
            QStringLiteral("torch._utils._rebuild_tensor_v3"),
            QStringLiteral("torch._utils._rebuild_parameter"),
            QStringLiteral("torch._utils._rebuild_parameter_with_state"),
            QStringLiteral("torch._utils._rebuild_qtensor"),
            QStringLiteral("torch._utils._rebuild_sparse_tensor"),
            QStringLiteral("torch._utils._rebuild_meta_tensor_no_storage"),
            QStringLiteral("torch._utils._rebuild_wrapper_subclass"),
            QStringLiteral("torch._utils._rebuild_device_tensor_from_numpy"),
            QStringLiteral("torch._tensor._rebuild_from_type_v2"),
            QStringLiteral("torch.storage.TypedStorage"),
            QStringLiteral("torch.storage.UntypedStorage"),
            QStringLiteral("torch.storage._load_from_bytes"),
            QStringLiteral("torch.Size"),
            QStringLiteral("torch.device"),
            QStringLiteral("torch.Tensor"),
            QStringLiteral("torch.nn.parameter.Parameter"),
    };
    return names;
}

} // namespace

PickleSafety PickleSafetyClassifier::classify(const QString &module, const QString &name)
{
    const QString full = module + QLatin1Char('.') + name;
    if (dangerousNames().contains(full) || inModule(module, dangerousModules()))
        return PickleSafety::Dangerous;
    if (safeNames().contains(full))
        return PickleSafety::Safe;
    // Families of data constructors recognized by prefix.
    if (module == QLatin1String("datetime") || module == QLatin1String("pandas.core.indexes.range")
        || (module.startsWith(QLatin1String("pandas.core.indexes."))
            && name.endsWith(QLatin1String("Index")))
        || (module == QLatin1String("torch")
            && (name.endsWith(QLatin1String("Storage")) || name.startsWith(QLatin1String("float"))
                || name.startsWith(QLatin1String("int")) || name.startsWith(QLatin1String("uint"))
                || name == QLatin1String("bfloat16") || name == QLatin1String("bool")
                || name.startsWith(QLatin1String("complex")) || name == QLatin1String("half"))))
        return PickleSafety::Safe;
    return PickleSafety::Unknown;
}

QString PickleSafetyClassifier::toString(PickleSafety safety)
{
    switch (safety) {
    case PickleSafety::Safe:
        return QStringLiteral("safe");
    case PickleSafety::Dangerous:
        return QStringLiteral("dangerous");
    case PickleSafety::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace Trove
