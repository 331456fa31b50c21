#include "modelsummary.h"

namespace Trove {

nlohmann::json ModelSummary::toJson(int maxTensors) const
{
    using json = nlohmann::json;
    json tensorsJson = json::array();
    for (int i = 0; i < tensors.size() && i < maxTensors; ++i) {
        const TensorEntry &t = tensors.at(i);
        json e = {{"name", t.name.toStdString()},
                  {"dtype", t.dtype.toStdString()},
                  {"shape", t.shape},
                  {"numel", t.numel}};
        if (t.byteSize >= 0)
            e["bytes"] = t.byteSize;
        if (!t.extra.is_null())
            e["extra"] = t.extra;
        tensorsJson.push_back(std::move(e));
    }
    json w = json::array();
    for (const QString &s : warnings)
        w.push_back(s.toStdString());
    return {{"format", format.toStdString()},
            {"parameter_count", parameterCount},
            {"tensor_count", tensors.size()},
            {"tensors_truncated", tensorsTruncated || tensors.size() > maxTensors},
            {"tensors", tensorsJson},
            {"metadata", metadata},
            {"warnings", w}};
}

} // namespace Trove
