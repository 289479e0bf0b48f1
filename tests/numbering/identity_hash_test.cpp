// Salted identity hashes. Every expected digest was computed independently with coreutils:
//   printf '%s\0%s\0%s' SALT KIND NORMALISED_VALUE | sha256sum
#include <gtest/gtest.h>

#include <string>

#include "xinfang/numbering.hpp"

namespace xinfang {
namespace {

// printf '%s\0%s\0%s' s3cret phone 13800138000 | sha256sum
const char* const kPhone = "443828d303afb85eebc241ca9c9b74f56fe21c2ae6e3cf4dba87863f5827a352";
// printf '%s\0%s\0%s' s3cret id 11010519491231002X | sha256sum
const char* const kIdentity = "d3ac2dd217d386326cf07a7b90100f0848d98c330de8635511c77eb27ec7f6c7";
// printf '%s\0%s\0%s' s3cret id 13800138000 | sha256sum
const char* const kPhoneDigitsAsIdentity = "0f3cfbee594e29441510cce39328fd7c02a0031d7988c098e77bf0dc5b5d450b";
// printf '%s\0%s\0%s' pepper phone 13800138000 | sha256sum
const char* const kPhoneOtherSalt = "8ef5ba5f82bbf69c75522b494616f29df33ee6edb84d17fd30bafdcfcc65f3ab";
// printf '%s\0%s\0%s' s3cret query ABCDE23456 | sha256sum
const char* const kQuery = "087318361f443552972537be8a7fade7f82762dc1207240b7e1f34acc2d1bd53";
// printf '\0\0' | sha256sum
const char* const kEmpty = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";

TEST(SaltedHash, MatchesSha256OfSaltKindAndValue) {
  EXPECT_EQ(salted_hash("s3cret", "phone", "13800138000"), kPhone);
  EXPECT_EQ(salted_hash("s3cret", "id", "11010519491231002X"), kIdentity);
  EXPECT_EQ(salted_hash("s3cret", "query", "ABCDE23456"), kQuery);
  EXPECT_EQ(salted_hash("", "", ""), kEmpty);
}

// The last few results are remembered per thread: asked again, in any order and between other
// questions, each answer is still the digest of its own arguments.
TEST(SaltedHash, RememberedAnswersBelongToTheirOwnArguments) {
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(salted_hash("s3cret", "phone", "13800138000"), kPhone);
    EXPECT_EQ(salted_hash("pepper", "phone", "13800138000"), kPhoneOtherSalt);
    EXPECT_EQ(salted_hash("s3cret", "id", "13800138000"), kPhoneDigitsAsIdentity);
    EXPECT_EQ(salted_hash("", "", ""), kEmpty);
    for (int i = 0; i < 5 * round; ++i) salted_hash("s3cret", "phone", "1380013800" + std::to_string(i));
    EXPECT_EQ(salted_hash("s3cret", "id", "11010519491231002X"), kIdentity);
    EXPECT_EQ(salted_hash("s3cret", "query", "ABCDE23456"), kQuery);
  }
}

TEST(SaltedHash, IsSixtyFourLowerCaseHexDigits) {
  const std::string hash = salted_hash("salt", "phone", "010-12345678");
  ASSERT_EQ(hash.size(), 64u);
  for (char c : hash) EXPECT_NE(std::string("0123456789abcdef").find(c), std::string::npos) << hash;
}

TEST(SaltedHash, PhonesAreReducedToTheirDigitsWithoutCountryCode) {
  for (const char* phone :
       {"13800138000", "138-0013-8000", "138 0013 8000", "(138) 0013-8000", "+86 138 0013 8000", "+8613800138000",
        "+86-138-0013-8000", " +86 13800138000", "0086 13800138000", "008613800138000", "0086-138-0013-8000"}) {
    EXPECT_EQ(salted_hash("s3cret", "phone", phone), kPhone) << phone;
  }
  // Without + or 00 a leading 86 is part of the number; other country codes are kept.
  EXPECT_NE(salted_hash("s3cret", "phone", "8613800138000"), kPhone);
  EXPECT_NE(salted_hash("s3cret", "phone", "+85213800138000"), kPhone);
  EXPECT_NE(salted_hash("s3cret", "phone", "13800138001"), kPhone);
}

TEST(SaltedHash, IdentityNumbersAreTrimmedAndUpperCased) {
  for (const char* id : {"11010519491231002X", "11010519491231002x", "  11010519491231002x\n", "\t11010519491231002X ",
                         "110105 19491231 002X"}) {
    EXPECT_EQ(salted_hash("s3cret", "id", id), kIdentity) << id;
  }
  EXPECT_NE(salted_hash("s3cret", "id", "110105-19491231-002X"), kIdentity);  // only spaces go
  EXPECT_NE(salted_hash("s3cret", "id", "110105194912310021"), kIdentity);
}

TEST(SaltedHash, QueryCodesAreCaseAndSpaceInsensitive) {
  EXPECT_EQ(salted_hash("s3cret", "query", "abcde23456"), kQuery);
  EXPECT_EQ(salted_hash("s3cret", "query", "ABCDE 23456"), kQuery);
}

TEST(SaltedHash, KindSeparatesTheSameDigits) {
  EXPECT_EQ(salted_hash("s3cret", "id", "13800138000"), kPhoneDigitsAsIdentity);
  EXPECT_NE(salted_hash("s3cret", "id", "13800138000"), salted_hash("s3cret", "phone", "13800138000"));
  EXPECT_NE(salted_hash("s3cret", "query", "13800138000"), salted_hash("s3cret", "phone", "13800138000"));
}

TEST(SaltedHash, SaltChangesTheHash) {
  EXPECT_EQ(salted_hash("pepper", "phone", "13800138000"), kPhoneOtherSalt);
  EXPECT_NE(salted_hash("pepper", "phone", "13800138000"), salted_hash("s3cret", "phone", "13800138000"));
  EXPECT_NE(salted_hash("s3cret ", "phone", "13800138000"), kPhone);
}

TEST(SaltedHash, OtherKindsAreHashedAsGiven) {
  EXPECT_NE(salted_hash("s3cret", "email", " a@b.cn"), salted_hash("s3cret", "email", "a@b.cn"));
  EXPECT_NE(salted_hash("s3cret", "email", "A@B.CN"), salted_hash("s3cret", "email", "a@b.cn"));
}

}  // namespace
}  // namespace xinfang
