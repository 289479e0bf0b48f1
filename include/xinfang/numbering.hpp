/**
 * @file numbering.hpp
 * @brief Case numbers (编号) and query codes (查询码): formatting and parsing, pure.
 *
 * A policy's numbering template, e.g. `{org}-{yyyy}-{seq:06}`, says what a case number looks
 * like and, through the fields it contains, the scope of its sequence: a template with `{yyyy}`
 * numbers per year, one with `{mm}` per month, one with `{channel}` per channel, always per
 * organisation. The sequence itself is the store's (gap-free, never reused); this header only
 * formats and parses. An optional check character (ISO/IEC 7064 MOD 37-36) lets a number read
 * out over the phone be validated.
 */
#ifndef XINFANG_NUMBERING_HPP
#define XINFANG_NUMBERING_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xinfang/calendar.hpp"

namespace xinfang {

/** The values a case number is made of. */
struct NumberFields {
  std::string organisation_code;  ///< The organisation's code ({org}).
  Date date;                      ///< The registration day, local ({yyyy}, {yy}, {mm}, {dd}).
  std::string channel_code;       ///< The channel's code ({channel}).
  std::string category_code;      ///< The category's code ({category}).
  std::int64_t sequence = 0;      ///< The sequence number within its scope ({seq}), >= 1.
};

/** A parsed numbering template. */
class CaseNumberFormat {
 public:
  /**
   * Parses a template. Fields: `{org}`, `{yyyy}`, `{yy}`, `{mm}`, `{dd}`, `{channel}`,
   * `{category}`, and exactly one `{seq}` or `{seq:0N}` (zero-padded to N digits, 1..12); other
   * characters are literal (letters, digits, `-`, `_`, `/`, `.`). No field twice; `{mm}` needs
   * a year and `{dd}` needs `{mm}` (else numbers would repeat); no two variable-width fields
   * (codes, `{seq}` without width) side by side.
   * @param pattern The template.
   * @param check_character Whether numbers end in a check character.
   * @return The format.
   * @throws Error invalid_data naming the fault.
   */
  static CaseNumberFormat parse(std::string_view pattern, bool check_character);

  /**
   * @param fields The values.
   * @return The case number, in upper case, the check character (if any) appended directly.
   * @throws Error invalid_argument for a sequence < 1 or wider than its field, or a field the
   *         template prints that is missing (a date that is not a real date, a code that is
   *         empty or not letters and digits).
   */
  std::string format(const NumberFields& fields) const;

  /**
   * The sequence scope of a number: the key the store allocates sequences under, made of the
   * organisation and whichever date, channel and category fields the template contains.
   * @param fields The values (the sequence is ignored).
   * @return The scope key, e.g. "MZJ|2025", "MZJ|2025-03", "MZJ|2025|V".
   * @throws Error invalid_argument if the organisation code, or a field the template prints, is
   *         missing.
   */
  std::string sequence_scope(const NumberFields& fields) const;

  /**
   * Parses a number written under this template, checking its check character.
   * @param number A case number, as typed or read out (case-insensitive, spaces ignored).
   * @return The fields it carries (those the template has; codes upper-cased; the date is the
   *         first day of the year or month when the template has no day, `{yy}` read as 20yy), or
   *         std::nullopt if it does not match the template or its check character is wrong.
   */
  std::optional<NumberFields> parse_number(std::string_view number) const;

  /** @return The template text. */
  const std::string& pattern() const noexcept;
  /** @return Whether numbers carry a check character. */
  bool has_check_character() const noexcept;

 private:
  struct Token {
    enum Kind { literal, org, yyyy, yy, mm, dd, channel, category, seq } kind;
    std::string text;
    int width = 0;
  };
  std::string pattern_;
  bool check_character_ = false;
  std::vector<Token> tokens_;
};

/**
 * The ISO/IEC 7064 MOD 37-36 check character of a text over 0-9 and A-Z (other characters are
 * skipped; letters are folded to upper case). It detects every single substitution and all
 * adjacent transpositions but one pair in 630 (values x, x+1 at one state; see numbering_test).
 * @param text The number without its check character.
 * @return A character in 0-9A-Z.
 */
char check_character_mod37_36(std::string_view text) noexcept;

/**
 * Makes a petitioner's query code from random bytes the caller supplies (the engine's injected
 * random source): 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), 49.5 bits.
 * The bytes, read as one number, are reduced modulo 31^10: uniform to within 31^10 / 256^n for
 * n bytes (under 2^-30 for 10). A pure function of the bytes.
 * @param random_bytes At least 10 bytes of randomness.
 * @return The code.
 * @throws Error invalid_argument if fewer than 10 bytes are given.
 */
std::string make_query_code(const std::vector<std::uint8_t>& random_bytes);

/**
 * A salted SHA-256 of a value, hex-encoded: what the library stores for query codes and for
 * petitioners' identity numbers and phones, so that repeats can be matched without keeping a
 * searchable raw value.
 * @param salt A per-installation secret.
 * @param kind What the value is ("id", "phone", "query"): the same digits as a phone and as an
 *             identity number do not collide.
 * @param value The value; identity numbers and query codes lose their whitespace and are
 *              upper-cased, phones are reduced to their digits with a leading +86 or 0086
 *              dropped, before hashing.
 * @return 64 lower-case hex digits.
 */
std::string salted_hash(std::string_view salt, std::string_view kind, std::string_view value);

}  // namespace xinfang

#endif  // XINFANG_NUMBERING_HPP
