// Query codes (查询码): length, alphabet, determinism from the injected bytes, and a roughly
// uniform distribution.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "xinfang/error.hpp"
#include "xinfang/numbering.hpp"

namespace xinfang {
namespace {

const std::string kQueryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // no 0/O, 1/I/L

std::vector<std::uint8_t> bytes_of(std::initializer_list<int> values) {
  std::vector<std::uint8_t> out;
  for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
  return out;
}

TEST(QueryCode, TenCharactersWithoutLookAlikes) {
  std::mt19937 random(12345);
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint8_t> bytes(10 + i % 23);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    const std::string code = make_query_code(bytes);
    ASSERT_EQ(code.size(), 10u);
    for (char c : code) {
      EXPECT_NE(kQueryCodeAlphabet.find(c), std::string::npos) << code;
      EXPECT_EQ(std::string("01OIL").find(c), std::string::npos) << code;
    }
  }
}

TEST(QueryCode, IsTheBytesReadAsANumberInBase31) {
  // X = the bytes as a big-endian integer; the code is X mod 31^10 in base 31 over the alphabet.
  EXPECT_EQ(make_query_code(std::vector<std::uint8_t>(10, 0)), "2222222222");
  EXPECT_EQ(make_query_code(bytes_of({0, 0, 0, 0, 0, 0, 0, 0, 0, 1})), "2222222223");
  EXPECT_EQ(make_query_code(bytes_of({0, 0, 0, 0, 0, 0, 0, 0, 0, 30})), "222222222Z");  // digit 30
  EXPECT_EQ(make_query_code(bytes_of({0, 0, 0, 0, 0, 0, 0, 0, 0, 31})), "2222222232");  // 31 = 1*31 + 0
  // 256 = 8*31 + 8 -> digits 8, 8 -> "A", "A".
  EXPECT_EQ(make_query_code(bytes_of({0, 0, 0, 0, 0, 0, 0, 0, 1, 0})), "22222222AA");
}

TEST(QueryCode, IsDeterministicInTheBytes) {
  const auto bytes = bytes_of({0x3C, 0x91, 0x07, 0xFE, 0x55, 0xA0, 0x12, 0xC8, 0x6D, 0x4B, 0xE2, 0x19});
  EXPECT_EQ(make_query_code(bytes), make_query_code(bytes));
}

TEST(QueryCode, EveryByteCounts) {
  std::mt19937 random(99);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<std::uint8_t> bytes(16);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    const std::string code = make_query_code(bytes);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      auto changed = bytes;
      changed[i] = static_cast<std::uint8_t>(changed[i] ^ 0x01);
      EXPECT_NE(make_query_code(changed), code) << "byte " << i;
    }
  }
}

TEST(QueryCode, FewerThanTenBytesAreRefused) {
  for (std::size_t n : {0u, 1u, 9u}) {
    try {
      (void)make_query_code(std::vector<std::uint8_t>(n, 0xAB));
      ADD_FAILURE() << n << " bytes accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find("at least 10 random bytes"), std::string::npos) << e.what();
    }
  }
}

TEST(QueryCode, CharactersAreRoughlyUniformInEveryPosition) {
  // 155,000 codes from 10 random bytes each (the minimum): each of the 31 characters is expected
  // 5,000 times per position. Pearson's chi-squared with 30 degrees of freedom has mean 30 and
  // standard deviation 7.7; P(chi2 > 80) = 2e-6, so a failure means bias, not bad luck. The
  // generator is seeded, so the test is reproducible.
  constexpr int kCodes = 155000;
  std::mt19937_64 random(20250301);
  std::array<std::array<int, 31>, 10> counts{};
  std::vector<std::uint8_t> bytes(10);
  for (int i = 0; i < kCodes; ++i) {
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    const std::string code = make_query_code(bytes);
    for (int pos = 0; pos < 10; ++pos) ++counts[pos][kQueryCodeAlphabet.find(code[pos])];
  }
  const double expected = kCodes / 31.0;
  for (int pos = 0; pos < 10; ++pos) {
    double chi2 = 0;
    for (int count : counts[pos]) chi2 += (count - expected) * (count - expected) / expected;
    EXPECT_LT(chi2, 80.0) << "position " << pos;
    for (int count : counts[pos]) EXPECT_GT(count, 0) << "position " << pos;
  }
}

}  // namespace
}  // namespace xinfang
