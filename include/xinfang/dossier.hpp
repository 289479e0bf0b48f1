/**
 * @file dossier.hpp
 * @brief Dossiers (案卷): cases with their whole history, as Boost.Serialization archives that
 *        another organisation's system can check and take over, or that are kept for years.
 *
 * A dossier holds one case or many (a period's concluded cases for long-term storage). Each
 * case carries its number, its state, every event exactly as it is stored — type, time, actor,
 * payload, the policy it was made under, the hash of the event before it and its own hash —
 * and its attachments' metadata. A reader recomputes every hash (check_dossier()): a changed
 * byte anywhere in an event, a removed or reordered event, a truncated archive are found before
 * anything is written (Engine::import_dossier(), docs/dossiers.md).
 *
 * Three forms of the same content: portable XML (for inspection, and for systems on other
 * platforms), text, and binary (compact; for the same platform: the byte order and sizes of the
 * machine that wrote it). The classes are versioned (kDossierVersion): this library reads every
 * earlier version and refuses, with Error(unsupported_version), an archive of a later one.
 *
 * A redacted dossier (exported by someone without the policy's confidential-reader role) lacks a
 * 检举控告 petitioner's identity altogether; the events it was removed from are marked, and
 * their hashes cannot be recomputed from what is left: such a dossier can be read and its links
 * checked, not imported.
 */
#ifndef XINFANG_DOSSIER_HPP
#define XINFANG_DOSSIER_HPP

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/lifecycle.hpp"

namespace xinfang {

/** The three archive forms. */
enum class DossierFormat {
  xml,     ///< Portable XML (boost::archive::xml_oarchive).
  text,    ///< Portable text (boost::archive::text_oarchive).
  binary,  ///< Compact binary for the same platform (boost::archive::binary_oarchive).
};

/**
 * @param format A form.
 * @return "xml", "text" or "binary".
 */
const char* dossier_format_name(DossierFormat format) noexcept;

/**
 * @param name "xml", "text" or "binary".
 * @return The format, or std::nullopt for another name.
 */
std::optional<DossierFormat> parse_dossier_format(std::string_view name) noexcept;

/**
 * The version this library writes of every dossier class (BOOST_CLASS_VERSION). It reads every
 * version up to this one; docs/dossiers.md lists what each version added.
 */
inline constexpr unsigned kDossierVersion = 1;

/** One event of a case's log, field for field as the hash covers it (docs/storage.md). */
struct DossierEvent {
  std::int64_t sequence = 0;   ///< 1, 2, ... within the case.
  std::string type;            ///< The event type (docs/lifecycle.md).
  std::int64_t at = 0;         ///< When, in microseconds since the Unix epoch (UTC).
  std::string actor;           ///< Who, as JSON text {"id","organisation","unit","roles"}.
  std::string command;         ///< The command that produced it.
  std::string payload;         ///< The event's data, JSON text.
  std::string policy_name;     ///< The policy in force when it was made.
  std::string policy_version;  ///< Its version.
  std::string previous_hash;   ///< The hash of the event before it ("" for the first).
  std::string hash;            ///< Its own hash (hex).
  /// The petitioner's identity was removed from its payload or actor: its hash cannot be
  /// recomputed, only its place in the chain checked.
  bool redacted = false;
};

/** An attachment's metadata (the files themselves are not in a dossier). */
struct DossierAttachment {
  std::string name;        ///< File name.
  std::string media_type;  ///< e.g. "application/pdf".
  std::int64_t size = 0;   ///< Bytes.
  std::string sha256;      ///< Hex digest of the content, to match the file kept elsewhere.
};

/** One case of a dossier. */
struct DossierCase {
  std::string number;                          ///< Its number in the exporting database.
  std::string organisation;                    ///< The organisation holding it there.
  std::string status;                          ///< Its status name (docs/lifecycle.md).
  std::string state;                           ///< Its state as the exporter may see it (the JSON of Engine::get()).
  std::string hash_algorithm;                  ///< "sha256" or "sm3": the exporting database's chain.
  std::string policy_name;                     ///< The policy in force at the exporter.
  std::string policy_version;                  ///< Its version.
  std::string head_hash;                       ///< The hash of its last event.
  bool redacted = false;                       ///< Some of its events lack the petitioner's identity.
  std::vector<DossierAttachment> attachments;  ///< Attachments' metadata.
  std::vector<DossierEvent> events;            ///< Its whole log, in order.
};

/** A dossier: one case, or a period's cases. */
struct Dossier {
  std::string library_version;   ///< The xinfang version that wrote it.
  std::string organisation;      ///< The exporter's organisation.
  std::string exported_by;       ///< The exporter's staff id.
  std::int64_t exported_at = 0;  ///< When, in microseconds since the Unix epoch (UTC).
  /// For a bulk export: the period's first and last local days ("YYYY-MM-DD"); "" for one case.
  std::string period_from;
  std::string period_to;           ///< See period_from.
  std::vector<DossierCase> cases;  ///< The cases.
};

/**
 * Writes a dossier as an archive.
 * @param dossier The dossier.
 * @param format The form.
 * @return The archive's bytes (binary for DossierFormat::binary; UTF-8 text otherwise).
 * @throws Error internal if Boost.Serialization fails to write.
 */
std::string write_dossier(const Dossier& dossier, DossierFormat format);

/**
 * @param bytes An archive's first bytes (or all of them).
 * @return Its form, from Boost.Serialization's signature, or std::nullopt if it is none of the three.
 */
std::optional<DossierFormat> detect_dossier_format(std::string_view bytes) noexcept;

/**
 * Reads an archive of any form and version up to kDossierVersion. Reading does not check the
 * hash chain: check_dossier() does.
 * @param bytes The archive.
 * @return The dossier.
 * @throws Error parse_error (not a dossier archive, malformed, truncated),
 *         unsupported_version (written by a newer xinfang or a newer Boost), invalid_utf8 (a
 *         text in it that is not UTF-8, naming the case and event).
 */
Dossier read_dossier(std::string_view bytes);

/** What check_dossier() found. */
struct DossierCheck {
  bool ok = true;                    ///< Every case's chain holds.
  std::int64_t cases = 0;            ///< Cases checked.
  std::int64_t events = 0;           ///< Events checked.
  std::int64_t redacted_events = 0;  ///< Events whose content could not be recomputed (redacted).
  std::string case_number;           ///< The first case with a problem ("" if none).
  std::int64_t sequence = 0;         ///< Its event with the problem (0 if not one event).
  std::string message;               ///< What is wrong ("" if ok).
  /** @return {"ok", "cases", "events", "redacted_events", "case_number", "sequence", "message"}. */
  Json to_json() const;
};

/**
 * What a dossier holds, without its events' content: for a listing before an import, or a
 * receipt's record.
 * @param dossier A dossier.
 * @return {"library_version", "organisation", "exported_by", "exported_at" (ISO 8601 UTC),
 *         "period_from", "period_to", "cases": [{"number", "organisation", "status", "events",
 *         "attachments", "head_hash", "hash_algorithm", "policy_name", "policy_version",
 *         "redacted"}...]}.
 */
Json dossier_summary(const Dossier& dossier);

/**
 * Checks every case of a dossier: events numbered 1..N without a gap, each naming the hash of
 * the one before, each hash recomputed from its content (except redacted events, whose links
 * alone are checked), the last hash and the event count matching the case's, and (for a case
 * that is not redacted) the number, status and stated state what the log folds to. Events a case
 * received from an earlier organisation are checked under the number and hash algorithm they
 * were made with there (docs/dossiers.md, "The chain across organisations").
 * @param dossier A dossier read by read_dossier().
 * @return The first problem, or ok.
 */
DossierCheck check_dossier(const Dossier& dossier);

/** What an import makes of the cases it receives. */
enum class ImportMode {
  /// The receiving organisation takes the case over (转送, 交办): it is registered there as a
  /// petition received now, under a local number; its clocks start from the receipt.
  take_over,
  /// The case is kept as it was, for the record (long-term storage of concluded cases): only
  /// its local number and its link to the origin are added. Open cases are refused.
  archive,
};

/** How many cases of how many an export or import has done (for a progress display). */
using DossierProgress = std::function<void(std::size_t done, std::size_t total)>;

/** Engine::import_dossier()'s options. */
struct ImportOptions {
  ImportMode mode = ImportMode::take_over;  ///< What becomes of the cases.
  /// Called after each case, in the transaction (nothing is committed before the last).
  DossierProgress progress;
};

/** One case an import received. */
struct ImportedCase {
  std::string origin_number;  ///< Its number where it came from.
  std::string number;         ///< Its number here.
  std::int64_t events = 0;    ///< The events it arrived with.
  bool created = true;        ///< false: the same dossier was imported before; nothing was written.
};

/** What Engine::import_dossier() did. */
struct ImportResult {
  std::vector<ImportedCase> cases;  ///< In the dossier's order.
  /** @return {"cases": [{"origin_number", "number", "events", "created"}...]}. */
  Json to_json() const;
};

}  // namespace xinfang

#endif  // XINFANG_DOSSIER_HPP
