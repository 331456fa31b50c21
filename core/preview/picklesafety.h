#pragma once

#include <QString>

namespace Trove {

/// How risky an import named by a pickle (GLOBAL, STACK_GLOBAL, INST) would be if the pickle
/// were loaded by Python. Trove never loads pickles; this only informs the user.
enum class PickleSafety {
    Safe,      ///< known data constructors: builtins containers, collections, datetime, numpy
               ///< and pandas reconstructors, torch rebuild helpers and storages
    Unknown,   ///< anything else: a class of some library, which runs its own code on load
    Dangerous, ///< runs commands, code or file/network access: os.system, eval, subprocess...
};

/// Allow/deny classification of `module.name` imports.
///  - Deny list (Dangerous): whole modules that reach the OS, code execution or the network
///    (os, posix, nt, subprocess, sys, shutil, socket, importlib, runpy, pty, ctypes, marshal,
///    pickle, code, webbrowser, multiprocessing, ...), and builtins that execute code or reach
///    objects by name (eval, exec, compile, open, __import__, getattr, setattr, globals, ...),
///    operator.attrgetter/methodcaller, types.FunctionType/CodeType, numpy.load, torch.load.
///  - Allow list (Safe): exact names and a few module prefixes of data constructors.
///  - Everything else: Unknown.
class PickleSafetyClassifier final
{
public:
    static PickleSafety classify(const QString &module, const QString &name);
    static QString toString(PickleSafety safety);
};

} // namespace Trove
