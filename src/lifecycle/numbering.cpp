// Case numbers and query codes: parsing numbering templates, formatting and parsing numbers
// under them, the ISO/IEC 7064 MOD 37-36 check character, and query codes from injected bytes.
// Everything here is pure; the sequence itself is the store's.
//
// Conventions (also in the doc comments of include/xinfang/numbering.hpp):
// - Numbers are canonical in upper case: format() upper-cases codes and literal letters, and
//   parse_number() folds case and drops spaces before matching, so "mzj - 2025 - 000123 l"
//   reads as "MZJ-2025-000123L".
// - The check character, when the template has one, is appended directly after the last field
//   (as on a resident identity card), computed over the canonical number (ISO/IEC 7064 skips
//   the separators).
// - Codes ({org}, {channel}, {category}) are letters and digits, at least one.
// - {yy} reads back as 20yy; a template with {yyyy} or {yy} only reads back as 1 January of the
//   year, one with {mm} and no {dd} as the first of the month.
#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {

namespace {

constexpr int kMaxSeqWidth = 12;
constexpr std::size_t kMaxUnpaddedSeqDigits = 18;  // fits in int64 without overflow
constexpr std::size_t kMaxNumberLength = 256;      // longer input is not a case number

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) noexcept {
  return c >= 'a' && c <= 'z';
}
bool is_alnum(char c) noexcept {
  return is_digit(c) || is_upper(c) || is_lower(c);
}
char to_upper(char c) noexcept {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_upper(c);
  return out;
}
bool is_literal_char(char c) noexcept {
  return is_alnum(c) || c == '-' || c == '_' || c == '/' || c == '.';
}

std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7F) return std::string("'") + c + "'";
  if (byte == 0x20) return "a space";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", byte);
  return buf;
}

[[noreturn]] void template_error(std::string_view pattern, const std::string& fault) {
  throw Error(ErrorCode::invalid_data, "numbering template \"" + std::string(pattern) + "\": " + fault);
}

// Zero-padded decimal of a non-negative value.
std::string padded(std::int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  return digits;
}

void require_code(std::string_view code, const char* field) {
  if (code.empty()) throw Error(ErrorCode::invalid_argument, std::string("case number: {") + field + "} is empty");
  for (char c : code) {
    if (!is_alnum(c)) {
      throw Error(ErrorCode::invalid_argument, std::string("case number: {") + field + "} code \"" + std::string(code) +
                                                   "\" must be letters and digits only");
    }
  }
}

void require_date(const Date& date) {
  if (date.is_special()) throw Error(ErrorCode::invalid_argument, "case number: the template needs a date");
}

// Value of a character in the MOD 37-36 alphabet 0-9A-Z, or -1 for a character it skips.
int mod36_value(char c) noexcept {
  if (is_digit(c)) return c - '0';
  if (is_upper(c)) return c - 'A' + 10;
  if (is_lower(c)) return c - 'a' + 10;
  return -1;
}

}  // namespace

// ---- templates ----

CaseNumberFormat CaseNumberFormat::parse(std::string_view pattern, bool check_character) {
  CaseNumberFormat format;
  format.pattern_ = std::string(pattern);
  format.check_character_ = check_character;
  if (pattern.empty()) template_error(pattern, "is empty; it needs at least a {seq} field");

  std::array<int, Token::seq + 1> seen{};  // occurrences of each field kind
  std::size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '}') template_error(pattern, "'}' at offset " + std::to_string(i) + " has no matching '{'");
    if (c != '{') {
      if (!is_literal_char(c)) {
        template_error(pattern, describe_char(c) + " at offset " + std::to_string(i) +
                                    " is not allowed (literal text may be letters, digits, '-', '_', '/' and '.')");
      }
      if (format.tokens_.empty() || format.tokens_.back().kind != Token::literal)
        format.tokens_.push_back(Token{Token::literal, std::string(), 0});
      format.tokens_.back().text += c;
      ++i;
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    const std::size_t next_open = pattern.find('{', i + 1);
    if (close == std::string_view::npos || (next_open != std::string_view::npos && next_open < close))
      template_error(pattern, "'{' at offset " + std::to_string(i) + " is not closed");
    const std::string_view name = pattern.substr(i + 1, close - i - 1);
    Token token{Token::literal, std::string(), 0};
    if (name == "org") {
      token.kind = Token::org;
    } else if (name == "yyyy") {
      token.kind = Token::yyyy;
    } else if (name == "yy") {
      token.kind = Token::yy;
    } else if (name == "mm") {
      token.kind = Token::mm;
    } else if (name == "dd") {
      token.kind = Token::dd;
    } else if (name == "channel") {
      token.kind = Token::channel;
    } else if (name == "category") {
      token.kind = Token::category;
    } else if (name == "seq") {
      token.kind = Token::seq;
    } else if (name.substr(0, 4) == "seq:") {
      token.kind = Token::seq;
      const std::string_view spec = name.substr(4);
      const bool digits_only =
          !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char d) { return is_digit(d); });
      if (!digits_only || spec.size() < 2 || spec[0] != '0') {
        template_error(pattern, "{" + std::string(name) + "}: the sequence width is written {seq:0N}, N from 1 to " +
                                    std::to_string(kMaxSeqWidth));
      }
      const std::string_view width_text = spec.substr(1);
      const int width = width_text.size() > 2 ? kMaxSeqWidth + 1 : std::stoi(std::string(width_text));
      if (width < 1 || width > kMaxSeqWidth) {
        template_error(pattern, "{" + std::string(name) + "}: sequence width " + std::string(width_text) +
                                    " is out of range 1.." + std::to_string(kMaxSeqWidth));
      }
      token.width = width;
    } else {
      template_error(pattern,
                     "unknown field {" + std::string(name) +
                         "} (fields: {org}, {yyyy}, {yy}, {mm}, {dd}, {channel}, {category}, {seq}, {seq:0N})");
    }
    if (seen[token.kind]++ > 0) template_error(pattern, "{" + std::string(name) + "} appears more than once");
    format.tokens_.push_back(token);
    i = close + 1;
  }

  if (seen[Token::seq] == 0) template_error(pattern, "has no {seq} field");
  if (seen[Token::yyyy] > 0 && seen[Token::yy] > 0) template_error(pattern, "has both {yyyy} and {yy}");
  const bool has_year = seen[Token::yyyy] > 0 || seen[Token::yy] > 0;
  if (seen[Token::mm] > 0 && !has_year)
    template_error(pattern, "{mm} without {yyyy} or {yy} would repeat numbers every year");
  if (seen[Token::dd] > 0 && seen[Token::mm] == 0)
    template_error(pattern, "{dd} without {mm} would repeat numbers every month");

  // Two fields of variable width side by side ("{org}{channel}", "{org}{seq}") cannot be told
  // apart when a number is read back.
  auto variable = [](const Token& t) {
    return t.kind == Token::org || t.kind == Token::channel || t.kind == Token::category ||
           (t.kind == Token::seq && t.width == 0);
  };
  for (std::size_t k = 1; k < format.tokens_.size(); ++k) {
    if (variable(format.tokens_[k - 1]) && variable(format.tokens_[k])) {
      template_error(pattern, "two fields of variable width are side by side at token " + std::to_string(k) +
                                  "; put a literal between them or give {seq} a width");
    }
  }
  return format;
}

const std::string& CaseNumberFormat::pattern() const noexcept {
  return pattern_;
}

bool CaseNumberFormat::has_check_character() const noexcept {
  return check_character_;
}

std::string CaseNumberFormat::format(const NumberFields& fields) const {
  if (fields.sequence < 1)
    throw Error(ErrorCode::invalid_argument,
                "case number: sequence " + std::to_string(fields.sequence) + " is below 1");
  std::string out;
  for (const Token& token : tokens_) {
    switch (token.kind) {
      case Token::literal: out += upper(token.text); break;
      case Token::org:
        require_code(fields.organisation_code, "org");
        out += upper(fields.organisation_code);
        break;
      case Token::channel:
        require_code(fields.channel_code, "channel");
        out += upper(fields.channel_code);
        break;
      case Token::category:
        require_code(fields.category_code, "category");
        out += upper(fields.category_code);
        break;
      case Token::yyyy:
        require_date(fields.date);
        out += padded(fields.date.year(), 4);
        break;
      case Token::yy:
        require_date(fields.date);
        out += padded(fields.date.year() % 100, 2);
        break;
      case Token::mm:
        require_date(fields.date);
        out += padded(fields.date.month(), 2);
        break;
      case Token::dd:
        require_date(fields.date);
        out += padded(fields.date.day(), 2);
        break;
      case Token::seq: {
        const std::string digits = padded(fields.sequence, token.width);
        const std::size_t limit = token.width > 0 ? static_cast<std::size_t>(token.width) : kMaxUnpaddedSeqDigits;
        if (digits.size() > limit) {
          throw Error(ErrorCode::invalid_argument, "case number: sequence " + digits + " is wider than its " +
                                                       std::to_string(limit) + "-digit field");
        }
        out += digits;
        break;
      }
    }
  }
  if (check_character_) out += check_character_mod37_36(out);
  return out;
}

std::string CaseNumberFormat::sequence_scope(const NumberFields& fields) const {
  require_code(fields.organisation_code, "org");
  bool year = false, month = false, day = false, channel = false, category = false;
  for (const Token& token : tokens_) {
    year = year || token.kind == Token::yyyy || token.kind == Token::yy;
    month = month || token.kind == Token::mm;
    day = day || token.kind == Token::dd;
    channel = channel || token.kind == Token::channel;
    category = category || token.kind == Token::category;
  }
  std::string scope = upper(fields.organisation_code);
  if (year) {
    require_date(fields.date);
    scope += '|' + padded(fields.date.year(), 4);
    if (month) scope += '-' + padded(fields.date.month(), 2);
    if (day) scope += '-' + padded(fields.date.day(), 2);
  }
  if (channel) {
    require_code(fields.channel_code, "channel");
    scope += '|' + upper(fields.channel_code);
  }
  if (category) {
    require_code(fields.category_code, "category");
    scope += '|' + upper(fields.category_code);
  }
  return scope;
}

// ---- reading numbers back ----

namespace {

// The fields found so far on one matching path; each token writes its own slot.
struct Reading {
  NumberFields fields;
  int year = 0, month = 0, day = 0;
  bool has_year = false, has_month = false, has_day = false;
};

// Reads `count` digits at `pos` as a number, or -1.
std::int64_t read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  std::int64_t value = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const char c = text[pos + k];
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Completes a reading once every token has matched: the date must be real, the sequence >= 1.
bool finish(Reading& r) {
  if (r.fields.sequence < 1) return false;
  if (!r.has_year) {
    r.fields.date = Date();
    return true;
  }
  try {
    r.fields.date = Date(static_cast<unsigned short>(r.year), static_cast<unsigned short>(r.has_month ? r.month : 1),
                         static_cast<unsigned short>(r.has_day ? r.day : 1));
  } catch (const std::exception&) {
    return false;  // 2025-02-30, or a year boost does not know
  }
  return true;
}

}  // namespace

std::optional<NumberFields> CaseNumberFormat::parse_number(std::string_view number) const {
  if (number.size() > kMaxNumberLength * 4) return std::nullopt;
  std::string text;
  for (std::size_t k = 0; k < number.size(); ++k) {
    const char c = number[k];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    // U+3000 IDEOGRAPHIC SPACE (E3 80 80), as typed with a Chinese input method.
    if (c == '\xE3' && number.substr(k, 3) == "\xE3\x80\x80") {
      k += 2;
      continue;
    }
    text += to_upper(c);
  }
  if (text.empty() || text.size() > kMaxNumberLength) return std::nullopt;
  if (check_character_) {
    const char check = text.back();
    text.pop_back();
    if (mod36_value(check) < 0 || check_character_mod37_36(text) != check) return std::nullopt;
  }
  const std::string_view input = text;

  Reading reading;
  // Depth-first over the tokens; variable-width codes try their shortest reading first.
  auto match = [&](auto&& self, std::size_t t, std::size_t pos) -> bool {
    if (t == tokens_.size()) return pos == input.size() && finish(reading);
    const Token& token = tokens_[t];
    switch (token.kind) {
      case Token::literal: {
        const std::string lit = upper(token.text);
        return input.substr(pos, lit.size()) == lit && self(self, t + 1, pos + lit.size());
      }
      case Token::org:
      case Token::channel:
      case Token::category: {
        std::string& slot = token.kind == Token::org       ? reading.fields.organisation_code
                            : token.kind == Token::channel ? reading.fields.channel_code
                                                           : reading.fields.category_code;
        for (std::size_t end = pos + 1; end <= input.size() && is_alnum(input[end - 1]); ++end) {
          slot = std::string(input.substr(pos, end - pos));
          if (self(self, t + 1, end)) return true;
        }
        return false;
      }
      case Token::yyyy:
      case Token::yy: {
        const std::size_t width = token.kind == Token::yyyy ? 4 : 2;
        const std::int64_t value = read_digits(input, pos, width);
        if (value < 0) return false;
        reading.year = static_cast<int>(token.kind == Token::yyyy ? value : 2000 + value);
        reading.has_year = true;
        return self(self, t + 1, pos + width);
      }
      case Token::mm:
      case Token::dd: {
        const std::int64_t value = read_digits(input, pos, 2);
        if (value < 1 || value > (token.kind == Token::mm ? 12 : 31)) return false;
        (token.kind == Token::mm ? reading.month : reading.day) = static_cast<int>(value);
        (token.kind == Token::mm ? reading.has_month : reading.has_day) = true;
        return self(self, t + 1, pos + 2);
      }
      case Token::seq: {
        if (token.width > 0) {
          const std::int64_t value = read_digits(input, pos, static_cast<std::size_t>(token.width));
          if (value < 1) return false;
          reading.fields.sequence = value;
          return self(self, t + 1, pos + static_cast<std::size_t>(token.width));
        }
        if (pos >= input.size() || input[pos] == '0') return false;  // no leading zeros: one spelling per number
        for (std::size_t count = 1; count <= kMaxUnpaddedSeqDigits; ++count) {
          const std::int64_t value = read_digits(input, pos, count);
          if (value < 0) return false;
          reading.fields.sequence = value;
          if (self(self, t + 1, pos + count)) return true;
        }
        return false;
      }
    }
    return false;
  };
  if (!match(match, 0, 0)) return std::nullopt;
  return reading.fields;
}

// ---- ISO/IEC 7064 MOD 37-36 ----
//
// The hybrid system with M = 36, M + 1 = 37 (ISO/IEC 7064:2003, clause on hybrid systems):
//   P := M
//   for each character a (value 0..35), left to right:
//     S := (P + a) mod M, taking M instead of 0;  P := (2 S) mod (M + 1)
//   the check character c satisfies (P + c) mod M = 1, so c := (M + 1 - P) mod M.
// Verification runs the same loop over the number with its check character and expects the
// last S to be 1. It detects every single substitution (each step is a bijection of P for a
// fixed character and of the character for a fixed P); like every hybrid system it detects
// all but a small, exactly known set of adjacent transpositions (see numbering_test).

char check_character_mod37_36(std::string_view text) noexcept {
  constexpr int M = 36;
  int p = M;
  for (char c : text) {
    const int a = mod36_value(c);
    if (a < 0) continue;
    int s = (p + a) % M;
    if (s == 0) s = M;
    p = (2 * s) % (M + 1);
  }
  const int check = (M + 1 - p) % M;
  return static_cast<char>(check < 10 ? '0' + check : 'A' + (check - 10));
}

// ---- query codes ----
//
// Alphabet: 2-9 and A-Z without I, L, O (0/O and 1/I/L are the look-alikes): 31 symbols, so a
// 10-character code carries log2(31^10) = 49.5 bits.
//
// Mapping: the bytes, read as one big-endian integer X in [0, 256^n), give X mod 31^10, written
// as 10 base-31 digits. Reduction modulo 31^10 < 2^50 is uniform up to a statistical distance
// of at most 31^10 / 256^n: below 2^-30 for the minimum of 10 bytes, below 2^-110 for 20. The
// code is a pure function of the bytes; every byte counts.

std::string make_query_code(const std::vector<std::uint8_t>& random_bytes) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  constexpr std::uint64_t kBase = sizeof kAlphabet - 1;  // 31
  constexpr int kLength = 10;
  if (random_bytes.size() < static_cast<std::size_t>(kLength)) {
    throw Error(ErrorCode::invalid_argument,
                "query code: needs at least 10 random bytes, got " + std::to_string(random_bytes.size()));
  }
  std::uint64_t modulus = 1;
  for (int k = 0; k < kLength; ++k) modulus *= kBase;  // 31^10 < 2^50
  std::uint64_t value = 0;
  for (std::uint8_t byte : random_bytes) value = (value * 256 + byte) % modulus;  // < 2^58: no overflow
  std::string code(kLength, ' ');
  for (int k = kLength - 1; k >= 0; --k) {
    code[static_cast<std::size_t>(k)] = kAlphabet[value % kBase];
    value /= kBase;
  }
  return code;
}

}  // namespace xinfang
