// ISO/IEC 7064 MOD 37-36 check characters: values worked out by hand, the standard's published
// examples, and the error-detection properties over sample numbers, exhaustively.
//
// The hybrid system, M = 36 over 0-9 (0..9) and A-Z (10..35):
//   P = 36; for each character a: S = (P + a) mod 36, 36 instead of 0; P = 2S mod 37;
//   check c = (37 - P) mod 36.
#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "xinfang/numbering.hpp"

namespace xinfang {
namespace {

const std::string kBase36Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int value_of(char c) {
  return static_cast<int>(kBase36Alphabet.find(c));
}

bool valid(const std::string& number_with_check) {
  return check_character_mod37_36(number_with_check.substr(0, number_with_check.size() - 1)) ==
         number_with_check.back();
}

TEST(CheckCharacter, HandComputedShortExample) {
  // "A1": A = 10: S = (36 + 10) mod 36 = 10, P = 2*10 mod 37 = 20
  //       1 = 1:  S = (20 + 1) mod 36 = 21,  P = 2*21 mod 37 = 42 - 37 = 5
  //       c = (37 - 5) mod 36 = 32 -> 'W'
  EXPECT_EQ(check_character_mod37_36("A1"), 'W');
  // The empty text: P stays 36, c = (37 - 36) mod 36 = 1 -> '1'.
  EXPECT_EQ(check_character_mod37_36(""), '1');
}

TEST(CheckCharacter, HandComputedCaseNumber) {
  // "MZJ-2025-000123" (the '-' are skipped):
  //   M=22: S=(36+22) mod 36=22, P=44 mod 37=7     Z=35: S=(7+35) mod 36=6,   P=12
  //   J=19: S=(12+19)=31,        P=62 mod 37=25    2:    S=(25+2)=27,         P=54 mod 37=17
  //   0:    S=17,                P=34              2:    S=(34+2) mod 36=0->36, P=72 mod 37=35
  //   5:    S=(35+5) mod 36=4,   P=8               0:    S=8,                 P=16
  //   0:    S=16,                P=32              0:    S=32,                P=64 mod 37=27
  //   1:    S=28,                P=56 mod 37=19    2:    S=21,                P=42 mod 37=5
  //   3:    S=8,                 P=16
  //   c = (37 - 16) mod 36 = 21 -> 'L'
  EXPECT_EQ(check_character_mod37_36("MZJ-2025-000123"), 'L');
  EXPECT_EQ(check_character_mod37_36("MZJ2025000123"), 'L');
  EXPECT_EQ(check_character_mod37_36("mzj 2025 000123"), 'L');
}

TEST(CheckCharacter, HandComputedHotlineNumber) {
  // "20250301000042":
  //   2: S=2, P=4      0: S=4, P=8      2: S=10, P=20    5: S=25, P=50-37=13
  //   0: S=13, P=26    3: S=29, P=58-37=21               0: S=21, P=42-37=5
  //   1: S=6, P=12     0: S=12, P=24    0: S=24, P=48-37=11
  //   0: S=11, P=22    0: S=22, P=44-37=7                4: S=11, P=22
  //   2: S=24, P=48-37=11
  //   c = (37 - 11) mod 36 = 26 -> 'Q'
  EXPECT_EQ(check_character_mod37_36("20250301000042"), 'Q');
}

TEST(CheckCharacter, PublishedExamples) {
  // Strings published with their MOD 37,36 check characters by other implementations of the
  // standard (xbib standardnumber, MOD3736Test: A12425GABC1234002M, B159D8FA01240000K,
  // 188166C7342000003).
  EXPECT_EQ(check_character_mod37_36("A12425GABC1234002"), 'M');
  EXPECT_EQ(check_character_mod37_36("B159D8FA01240000"), 'K');
  EXPECT_EQ(check_character_mod37_36("188166C734200000"), '3');
}

TEST(CheckCharacter, AlwaysInZeroToZ) {
  std::mt19937 random(7064);
  for (int i = 0; i < 10000; ++i) {
    std::string text;
    const int length = 1 + static_cast<int>(random() % 20);
    for (int k = 0; k < length; ++k) text += kBase36Alphabet[random() % 36];
    const char c = check_character_mod37_36(text);
    EXPECT_NE(kBase36Alphabet.find(c), std::string::npos) << text;
  }
}

// Sample numbers: the shapes the presets produce, and random alphanumeric strings.
std::vector<std::string> sample_numbers() {
  std::vector<std::string> bodies = {"MZJ2025000123",
                                     "QMZJ2025000001",
                                     "SMZT2026999999",
                                     "20250301000042",
                                     "20261231999999",
                                     "A12425GABC1234002",
                                     "A",
                                     "Z9"};
  std::mt19937 random(3736);
  for (int i = 0; i < 200; ++i) {
    std::string text;
    const int length = 2 + static_cast<int>(random() % 18);
    for (int k = 0; k < length; ++k) text += kBase36Alphabet[random() % 36];
    bodies.push_back(text);
  }
  std::vector<std::string> numbers;
  for (const std::string& body : bodies) numbers.push_back(body + check_character_mod37_36(body));
  return numbers;
}

TEST(CheckCharacter, DetectsEverySingleSubstitution) {
  for (const std::string& number : sample_numbers()) {
    ASSERT_TRUE(valid(number)) << number;
    for (std::size_t i = 0; i < number.size(); ++i) {  // every position, the check character too
      for (char c : kBase36Alphabet) {
        if (c == number[i]) continue;
        std::string typo = number;
        typo[i] = c;
        EXPECT_FALSE(valid(typo)) << number << " -> " << typo;
      }
    }
  }
}

// The hybrid systems of ISO/IEC 7064 detect "all or nearly all" transpositions; MOD 37-36 misses
// exactly one kind: two neighbouring values x, x+1 (mod 36), in either order, where x is
// 17 + (the check value of the text before them) mod 36. (With P the state before the pair,
// P + x = 18 (mod 36): x gives S = 18 and P = 36, x+1 gives S = 19 and P = 1, and both orders end
// in the same state.) That is 2 of the 36 x 35 ordered pairs after any prefix: 0.16 %.
bool blind_spot(const std::string& prefix, char first, char second) {
  const int x = (value_of(check_character_mod37_36(prefix)) + 17) % 36;
  const int a = value_of(first), b = value_of(second);
  return (a == x && b == (x + 1) % 36) || (b == x && a == (x + 1) % 36);
}

TEST(CheckCharacter, DetectsEveryAdjacentTranspositionButTheKnownBlindSpot) {
  int swaps = 0, missed = 0;
  for (const std::string& number : sample_numbers()) {
    for (std::size_t i = 0; i + 1 < number.size(); ++i) {  // the last pair swaps the check character in
      if (number[i] == number[i + 1]) continue;
      std::string swapped = number;
      std::swap(swapped[i], swapped[i + 1]);
      ++swaps;
      const bool expected_miss = blind_spot(number.substr(0, i), number[i], number[i + 1]);
      EXPECT_EQ(valid(swapped), expected_miss) << number << " -> " << swapped;
      missed += valid(swapped) ? 1 : 0;
    }
  }
  EXPECT_GT(swaps, 2000);
  EXPECT_LT(missed * 100, swaps);  // well under 1 %
  std::cout << "[          ] " << swaps << " adjacent transpositions, " << missed << " undetected (the blind spot)\n";
}

TEST(CheckCharacter, AdjacentTranspositionsExhaustivelyOverEveryState) {
  // The one-character prefixes reach all 36 states P (P = 2a mod 37, 36 for a = 0), so this
  // covers every (state, pair) combination, as data pairs and with the check character.
  int missed = 0;
  for (char p : kBase36Alphabet) {
    const std::string prefix(1, p);
    for (char a : kBase36Alphabet) {
      for (char b : kBase36Alphabet) {
        if (a == b) continue;
        const std::string body = prefix + a + b;
        const std::string number = body + check_character_mod37_36(body);
        std::string swapped = number;
        std::swap(swapped[1], swapped[2]);
        EXPECT_EQ(valid(swapped), blind_spot(prefix, a, b)) << number;
        missed += valid(swapped) ? 1 : 0;
      }
      // The last data character swapped with the check character.
      const std::string body = prefix + a;
      const char check = check_character_mod37_36(body);
      if (check == a) continue;
      const std::string swapped = prefix + check + a;
      EXPECT_EQ(valid(swapped), blind_spot(prefix, a, check)) << body + check;
    }
  }
  EXPECT_EQ(missed, 72);  // 36 states x 2 ordered pairs
}

}  // namespace
}  // namespace xinfang
