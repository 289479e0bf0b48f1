// Dossiers in the C ABI (docs/dossiers.md): a case or a period's concluded cases exported as an
// archive, an archive imported into the engine's file, and an archive read and checked without
// an engine. Archives are bytes with a length: the binary form holds NUL bytes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "capi_engine.hpp"
#include "capi_internal.hpp"
#include "util/text.hpp"
#include "xinfang.h"
#include "xinfang/dossier.hpp"
#include "xinfang/engine.hpp"
#include "xinfang/metrics.hpp"

namespace xinfang::capi {
namespace {

using Json = nlohmann::json;

// NULL stands for "xml".
DossierFormat read_dossier_format(const char* format) {
  if (format == nullptr) return DossierFormat::xml;
  const std::string name = required_text(format, "format");
  const std::optional<DossierFormat> parsed = parse_dossier_format(name);
  if (!parsed) {
    throw Error(ErrorCode::invalid_argument, "format \"" + shortened(name) + "\" is not one of xml, text, binary");
  }
  return *parsed;
}

// The archive the caller holds, viewed in place. Size 0 is an empty archive, whatever @p data
// is (the reader refuses it as malformed); NULL with a size is a caller's mistake. The size is
// not held to XF_MAX_INPUT_BYTES: it is stated, not found by scanning for a NUL, and an archive
// this library exported (a long period's, say) must be one it takes back.
std::string_view archive_bytes(const char* data, std::size_t size) {
  if (size == 0) return {};
  if (data == nullptr) {
    throw Error(ErrorCode::invalid_argument, "data must not be NULL when size is " + std::to_string(size));
  }
  return {data, size};
}

ImportOptions read_import_options(const Json& options) {
  if (!options.is_object()) {
    throw Error(ErrorCode::invalid_data, "options_json: must be an object {\"mode\"?: \"take_over\" | \"archive\"}");
  }
  ImportOptions read;
  for (const auto& entry : options.items()) {
    if (entry.key() != "mode") {
      fail_at("options_json", "/" + util::json_pointer_segment(shortened(entry.key())), "unknown key; allowed: mode");
    }
    const Json& mode = entry.value();
    if (mode == "take_over") {
      read.mode = ImportMode::take_over;
    } else if (mode == "archive") {
      read.mode = ImportMode::archive;
    } else {
      fail_at("options_json", "/mode", "must be \"take_over\" or \"archive\"");
    }
  }
  return read;
}

// text_out() for an archive: the bytes in a NUL-terminated buffer and their count, which the
// binary form needs (it holds NULs). Both outputs are NULL and 0 unless the call succeeds.
template <typename Body>
xf_status archive_out(char** out, std::size_t* out_size, Body&& body) noexcept {
  if (out != nullptr) *out = nullptr;
  if (out_size != nullptr) *out_size = 0;
  return guard([&] {
    const std::string bytes = body();
    *out = copy_out(bytes);
    *out_size = bytes.size();
  });
}

}  // namespace
}  // namespace xinfang::capi

using namespace xinfang;
using namespace xinfang::capi;

extern "C" {

xf_status xf_engine_export_case(xf_engine* engine, const char* actor, const char* number, const char* format,
                                char** out, size_t* out_size) {
  return archive_out(out, out_size, [&] {
    EngineCall call(engine);
    const std::string who = required_text(actor, "actor");
    const std::string case_number = required_text(number, "number");
    const DossierFormat form = read_dossier_format(format);
    require_pointer(out, "out");
    require_pointer(out_size, "out_size");
    return call.engine().export_case(case_number, who, form);
  });
}

xf_status xf_engine_export_concluded(xf_engine* engine, const char* actor, const char* period, const char* format,
                                     char** out, size_t* out_size) {
  return archive_out(out, out_size, [&] {
    EngineCall call(engine);
    const std::string who = required_text(actor, "actor");
    const ReportPeriod days = parse_report_period(required_text(period, "period"), call.engine().calendar());
    const DossierFormat form = read_dossier_format(format);
    require_pointer(out, "out");
    require_pointer(out_size, "out_size");
    return call.engine().export_concluded(days, who, form);
  });
}

xf_status xf_engine_import_dossier(xf_engine* engine, const char* actor, const char* data, size_t size,
                                   const char* options_json, char** out_json) {
  return text_out(out_json, [&] {
    EngineCall call(engine);
    const std::string who = required_text(actor, "actor");
    const std::string_view archive = archive_bytes(data, size);
    const ImportOptions options = read_import_options(optional_json(options_json, "options_json", Json::object()));
    require_pointer(out_json, "out_json");
    return call.engine().import_dossier(who, archive, options).to_json().dump();
  });
}

xf_status xf_dossier_check(const char* data, size_t size, char** out_json) {
  return text_out(out_json, [&] {
    const std::string_view archive = archive_bytes(data, size);
    require_pointer(out_json, "out_json");
    const Dossier dossier = read_dossier(archive);
    return Json{{"summary", dossier_summary(dossier)}, {"check", check_dossier(dossier).to_json()}}.dump();
  });
}

}  // extern "C"
