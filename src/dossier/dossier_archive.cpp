// Dossiers as Boost.Serialization archives: one serialize() per class serves the three forms
// (names are used by XML only). Each class's version is written once per archive; a reader that
// meets a version above its own refuses the archive, because Boost itself no longer does.
//
// An archive is the kind marker, the dossier, then an end marker: a truncated archive loses the
// end marker at least, and Boost's own reads fail on anything shorter (docs/dossiers.md).
#include <sstream>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_archive_exception.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <boost/serialization/version.hpp>

#include "util/utf8.hpp"
#include "xinfang/dossier.hpp"
#include "xinfang/error.hpp"
#include "xinfang/version.h"

BOOST_CLASS_VERSION(xinfang::DossierEvent, xinfang::kDossierVersion)
BOOST_CLASS_VERSION(xinfang::DossierAttachment, xinfang::kDossierVersion)
BOOST_CLASS_VERSION(xinfang::DossierCase, xinfang::kDossierVersion)
BOOST_CLASS_VERSION(xinfang::Dossier, xinfang::kDossierVersion)

namespace xinfang::dossier_detail {

// Thrown inside serialize(), where only the version is known, and given its message outside.
struct NewerVersion {
  const char* what;
  unsigned version;
};

inline void require_known_version(const char* what, unsigned version) {
  if (version > kDossierVersion) throw NewerVersion{what, version};
}

}  // namespace xinfang::dossier_detail

namespace boost::serialization {

using boost::serialization::make_nvp;
using xinfang::dossier_detail::require_known_version;

template <class Archive>
void serialize(Archive& archive, xinfang::DossierEvent& event, const unsigned version) {
  require_known_version("event", version);
  archive& make_nvp("sequence", event.sequence);
  archive& make_nvp("type", event.type);
  archive& make_nvp("at", event.at);
  archive& make_nvp("actor", event.actor);
  archive& make_nvp("command", event.command);
  archive& make_nvp("payload", event.payload);
  archive& make_nvp("policy_name", event.policy_name);
  archive& make_nvp("policy_version", event.policy_version);
  archive& make_nvp("previous_hash", event.previous_hash);
  archive& make_nvp("hash", event.hash);
  archive& make_nvp("redacted", event.redacted);
}

template <class Archive>
void serialize(Archive& archive, xinfang::DossierAttachment& attachment, const unsigned version) {
  require_known_version("attachment", version);
  archive& make_nvp("name", attachment.name);
  archive& make_nvp("media_type", attachment.media_type);
  archive& make_nvp("size", attachment.size);
  archive& make_nvp("sha256", attachment.sha256);
}

template <class Archive>
void serialize(Archive& archive, xinfang::DossierCase& dossier_case, const unsigned version) {
  require_known_version("case", version);
  archive& make_nvp("number", dossier_case.number);
  archive& make_nvp("organisation", dossier_case.organisation);
  archive& make_nvp("status", dossier_case.status);
  archive& make_nvp("state", dossier_case.state);
  archive& make_nvp("hash_algorithm", dossier_case.hash_algorithm);
  archive& make_nvp("policy_name", dossier_case.policy_name);
  archive& make_nvp("policy_version", dossier_case.policy_version);
  archive& make_nvp("head_hash", dossier_case.head_hash);
  archive& make_nvp("redacted", dossier_case.redacted);
  archive& make_nvp("attachments", dossier_case.attachments);
  archive& make_nvp("events", dossier_case.events);
}

template <class Archive>
void serialize(Archive& archive, xinfang::Dossier& dossier, const unsigned version) {
  require_known_version("dossier", version);
  archive& make_nvp("library_version", dossier.library_version);
  archive& make_nvp("organisation", dossier.organisation);
  archive& make_nvp("exported_by", dossier.exported_by);
  archive& make_nvp("exported_at", dossier.exported_at);
  archive& make_nvp("period_from", dossier.period_from);
  archive& make_nvp("period_to", dossier.period_to);
  archive& make_nvp("cases", dossier.cases);
}

}  // namespace boost::serialization

namespace xinfang {
namespace {

constexpr const char* kKind = "xinfang-dossier";
constexpr std::string_view kEnd = "end-of-dossier";
constexpr std::string_view kXmlEnd = "</boost_serialization>";
constexpr std::string_view kSignature = "serialization::archive";

template <class OutputArchive>
void write_with(std::ostream& stream, const Dossier& dossier, unsigned flags) {
  OutputArchive archive(stream, flags);
  std::string kind = kKind;
  std::string end(kEnd);
  archive << boost::serialization::make_nvp("kind", kind);
  archive << boost::serialization::make_nvp("dossier", dossier);
  archive << boost::serialization::make_nvp("end", end);
}

template <class InputArchive>
Dossier read_with(std::istream& stream) {
  Dossier dossier;
  std::string kind;
  std::string end;
  {
    InputArchive archive(stream);
    // Boost refuses a newer library version in its text and binary forms, not in XML.
    if (archive.get_library_version() > boost::archive::BOOST_ARCHIVE_VERSION()) {
      throw Error(ErrorCode::unsupported_version,
                  "the dossier was written by a newer Boost.Serialization (archive version " +
                      std::to_string(archive.get_library_version()) + ") than this one reads (" +
                      std::to_string(boost::archive::BOOST_ARCHIVE_VERSION()) + ")");
    }
    archive >> boost::serialization::make_nvp("kind", kind);
    if (kind != kKind) throw Error(ErrorCode::parse_error, "the archive is not an xinfang dossier");
    archive >> boost::serialization::make_nvp("dossier", dossier);
    archive >> boost::serialization::make_nvp("end", end);
  }
  if (end != kEnd) throw Error(ErrorCode::parse_error, "the dossier archive is truncated: its end marker is missing");
  return dossier;
}

// Every text of a dossier is UTF-8 as the engine wrote it: a byte that is not is damage (or a
// forgery), refused with the field it is in before any of it reaches JSON or a database.
void require_utf8_text(const Dossier& dossier) {
  using util::require_utf8;
  for (const std::string* text : {&dossier.library_version, &dossier.organisation, &dossier.exported_by,
                                  &dossier.period_from, &dossier.period_to}) {
    require_utf8(*text, "the dossier's header");
  }
  for (const DossierCase& c : dossier.cases) {
    const std::string where = "dossier case " + std::to_string(&c - dossier.cases.data() + 1);
    for (const std::string* text : {&c.number, &c.organisation, &c.status, &c.state, &c.hash_algorithm, &c.policy_name,
                                    &c.policy_version, &c.head_hash}) {
      require_utf8(*text, where);
    }
    for (const DossierAttachment& a : c.attachments) {
      for (const std::string* text : {&a.name, &a.media_type, &a.sha256}) require_utf8(*text, where + " attachment");
    }
    for (const DossierEvent& e : c.events) {
      for (const std::string* text :
           {&e.type, &e.actor, &e.command, &e.payload, &e.policy_name, &e.policy_version, &e.previous_hash, &e.hash}) {
        require_utf8(*text, where + " event " + std::to_string(e.sequence));
      }
    }
  }
}

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

const char* dossier_format_name(DossierFormat format) noexcept {
  switch (format) {
    case DossierFormat::xml: return "xml";
    case DossierFormat::text: return "text";
    case DossierFormat::binary: return "binary";
  }
  return "xml";
}

std::optional<DossierFormat> parse_dossier_format(std::string_view name) noexcept {
  for (DossierFormat format : {DossierFormat::xml, DossierFormat::text, DossierFormat::binary}) {
    if (name == dossier_format_name(format)) return format;
  }
  return std::nullopt;
}

std::string write_dossier(const Dossier& dossier, DossierFormat format) {
  std::ostringstream stream(format == DossierFormat::binary ? std::ios::out | std::ios::binary : std::ios::out);
  try {
    switch (format) {
      case DossierFormat::xml: write_with<boost::archive::xml_oarchive>(stream, dossier, 0); break;
      case DossierFormat::text: write_with<boost::archive::text_oarchive>(stream, dossier, 0); break;
      case DossierFormat::binary: write_with<boost::archive::binary_oarchive>(stream, dossier, 0); break;
    }
  } catch (const boost::archive::archive_exception& e) {
    throw Error(ErrorCode::internal, std::string("writing the dossier failed: ") + e.what());
  }
  // The text forms end at their last mark, so that removing any byte is noticed.
  return format == DossierFormat::binary ? stream.str() : trim_end(stream.str());
}

std::optional<DossierFormat> detect_dossier_format(std::string_view bytes) noexcept {
  const std::size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  const std::string_view head = bytes.substr(start, 256);
  if (head.substr(0, 5) == "<?xml") return DossierFormat::xml;
  // Text archives begin with the signature's length in digits; binary ones with it as a
  // machine word, then the signature.
  const std::size_t signature = head.find(kSignature);
  if (signature == std::string_view::npos || signature > 16) return std::nullopt;
  if (head.substr(0, 3) == "22 " && signature == 3) return DossierFormat::text;
  return DossierFormat::binary;
}

Dossier read_dossier(std::string_view bytes) {
  const std::optional<DossierFormat> format = detect_dossier_format(bytes);
  if (!format) throw Error(ErrorCode::parse_error, "not a dossier archive: no Boost.Serialization signature");
  // Every complete archive ends with its end mark: a shorter one is refused before Boost reads
  // it, so that a header cut short is not taken for another version's.
  const std::string name = dossier_format_name(*format);
  const std::string_view last_mark = *format == DossierFormat::xml ? kXmlEnd : std::string_view(kEnd);
  std::string_view tail = bytes;
  if (*format != DossierFormat::binary) {
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ' || tail.back() == '\r')) tail.remove_suffix(1);
  }
  if (tail.size() < last_mark.size() || tail.substr(tail.size() - last_mark.size()) != last_mark) {
    throw Error(ErrorCode::parse_error,
                "the " + name + " dossier is truncated: it does not end with " + std::string(last_mark));
  }
  std::istringstream stream(std::string(bytes),
                            *format == DossierFormat::binary ? std::ios::in | std::ios::binary : std::ios::in);
  Dossier dossier;
  try {
    switch (*format) {
      case DossierFormat::xml: dossier = read_with<boost::archive::xml_iarchive>(stream); break;
      case DossierFormat::text: dossier = read_with<boost::archive::text_iarchive>(stream); break;
      case DossierFormat::binary: dossier = read_with<boost::archive::binary_iarchive>(stream); break;
    }
  } catch (const dossier_detail::NewerVersion& newer) {
    throw Error(ErrorCode::unsupported_version, "the dossier's " + std::string(newer.what) + " class is version " +
                                                    std::to_string(newer.version) +
                                                    ", written by a newer xinfang; xinfang " + XF_VERSION_STRING +
                                                    " reads versions up to " + std::to_string(kDossierVersion));
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::unsupported_version) {
      throw Error(
          ErrorCode::unsupported_version,
          "the " + name + " dossier was written by a newer Boost.Serialization than this one reads (" + e.what() + ")");
    }
    throw Error(ErrorCode::parse_error, "the " + name + " dossier does not read (truncated or damaged): " + e.what());
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::parse_error, "the " + name + " dossier does not read (truncated or damaged): " + e.what());
  }
  require_utf8_text(dossier);
  return dossier;
}

}  // namespace xinfang
