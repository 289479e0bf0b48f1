// A host program in C++ built against an installed xinfang's static core, outside its source
// tree: a deadline on the national calendar, then one letter registered on a database file in
// a fresh temporary directory and the audit chain verified.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <xinfang/version.h>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <xinfang/calendar.hpp>
#include <xinfang/engine.hpp>

namespace {

// A database file in a fresh directory under $TMPDIR, removed with its WAL files at the end.
class TemporaryDatabase {
 public:
  TemporaryDatabase() {
    const char* tmp = std::getenv("TMPDIR");
    directory_ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/xinfang-consumer-XXXXXX";
    if (mkdtemp(directory_.data()) == nullptr) throw std::runtime_error("cannot make " + directory_);
    path_ = directory_ + "/cases.db";
  }
  ~TemporaryDatabase() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    std::remove(directory_.c_str());
  }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string directory_;
  std::string path_;
};

void register_one_letter(const std::string& database) {
  using namespace xinfang;
  EngineOptions options;
  options.database = database;
  options.policy = "cn-national-2022";
  options.clock = std::make_shared<ManualClock>(boost::posix_time::time_from_string("2025-03-03 01:30:00"));
  Engine engine = Engine::open(options);
  engine.put_staff("admin", {"r-li", "李登记", "city", "petition_office", {"registrar"}, true});

  Petition letter;
  letter.channel = "letter";
  letter.type = PetitionType::claim;
  letter.category = "social_assistance";
  letter.subject = "低保金三个月未发放";
  letter.content = "自2024年12月起未收到最低生活保障金。";
  letter.petitioners.push_back({"张三", "", "13800000000", "", false});
  const CommandResult made = engine.intake("r-li", letter);
  const VerifyReport report = engine.verify();
  if (made.status != CaseStatus::registered || !report.ok) throw std::runtime_error("the letter was not registered");
  std::cout << "the letter is " << case_status_name(made.status) << ", chain verified\n";
}

}  // namespace

int main() {
  try {
    std::cout << "xinfang " << XF_VERSION_STRING << " (C++ core)\n";
    const xinfang::Calendar& national = xinfang::Calendar::national();
    const auto routing = national.statutory_period_end(xinfang::parse_date("2025-09-28"), 15);
    std::cout << "a letter received 2025-09-28 is routed by " << xinfang::format_date(routing) << "\n";

    const TemporaryDatabase database;
    register_one_letter(database.path());
  } catch (const xinfang::Error& e) {
    std::cerr << "error: " << xinfang::error_code_name(e.code()) << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
