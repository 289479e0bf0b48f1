// Several processes on one file, and processes killed mid-write: nothing reported committed is
// lost, no case number is duplicated or skipped, the file stays sound and its chains verify.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "engine_test_util.hpp"

namespace xinfang::testing {
namespace {

using boost::posix_time::seconds;

Engine open_child_engine(const std::string& db, Instant start, std::uint64_t seed,
                         std::shared_ptr<ManualClock>& clock) {
  clock = std::make_shared<ManualClock>(start);
  EngineOptions options;
  options.database = db;
  options.clock = clock;
  options.random = std::make_shared<SeededRandom>(seed);
  return Engine::open(options);
}

// A child's work: intake a case, report its number once committed, then act on it. Runs until
// killed, or until @p cases are done. Never returns.
[[noreturn]] void child_work(const std::string& db, int report_fd, int child, int cases, Instant start) {
  try {
    std::shared_ptr<ManualClock> clock;
    Engine engine = open_child_engine(db, start, 1000 + static_cast<std::uint64_t>(child), clock);
    for (int i = 0; i < cases; ++i) {
      clock->advance(seconds(1));
      const std::string key = "child-" + std::to_string(child) + "-" + std::to_string(i);
      // A different petitioner each time, as at a real front desk.
      Json petition = letter_at(clock->now());
      petition["petitioners"][0]["id_number"] = "1101011980" + std::to_string(100000 + child * 1000 + i % 1000);
      petition["petitioners"][0]["phone"] = "139" + std::to_string(10000000 + child * 100000 + i);
      const CommandResult made = engine.intake_json(kRegistrar, petition, key);
      const std::string line = made.number + "\n";
      if (write(report_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(3);
      clock->advance(seconds(1));
      engine.accept(made.number, kDispatcher);
      clock->advance(seconds(1));
      engine.note(made.number, kDispatcher, "第" + std::to_string(i) + "次记录");
    }
    _exit(0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child %d: %s\n", child, e.what());
    _exit(1);
  }
}

// A forked writer and the read end of its reports.
struct Writer {
  pid_t pid = -1;
  int reports = -1;
};

Writer start_writer(const std::string& db, int child, int cases, Instant start) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(pipe_fds[0]);
    child_work(db, pipe_fds[1], child, cases, start);
  }
  close(pipe_fds[1]);
  return Writer{pid, pipe_fds[0]};
}

std::vector<std::string> read_lines(int fd) {
  std::string data;
  char buffer[4096];
  for (;;) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got > 0) {
      data.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      break;
    }
  }
  std::vector<std::string> lines;
  std::istringstream in(data);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // A line cut by the kill is not a report.
  if (!data.empty() && data.back() != '\n' && !lines.empty()) lines.pop_back();
  return lines;
}

void expect_sound(const std::string& db, const std::vector<std::string>& reported) {
  EXPECT_EQ(raw_query(db, "PRAGMA integrity_check"), "ok");
  TestEngine reopened(db, local("2030-01-01 00:00"));
  const VerifyReport report = reopened.engine.verify();
  EXPECT_TRUE(report.ok) << report.message;
  for (const std::string& number : reported) {
    EXPECT_EQ(code_of([&] { reopened.engine.get(number); }), ErrorCode::ok) << number << " was reported committed";
  }
  // Gap-free: the cases of the one scope are exactly 1..N.
  EXPECT_EQ(raw_query(db, "SELECT count(*) = max(sequence) AND min(sequence) = 1 FROM cases"), "1");
  EXPECT_EQ(raw_query(db, "SELECT count(DISTINCT number) = count(*) FROM cases"), "1");
}

TEST(EngineProcesses, KilledWritersLoseNothingThatWasReported) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  { TestEngine(db).add_staff(); }
  // How long a child takes from fork to its first committed case, here and now (a sanitizer
  // build or a busy machine is many times slower): kills fall from well before that to well after.
  const auto calibration_start = std::chrono::steady_clock::now();
  {
    const Writer writer = start_writer(db, 999, 1, local("2025-03-03 09:00") - boost::posix_time::hours(24 * 30));
    const std::vector<std::string> lines = read_lines(writer.reports);
    close(writer.reports);
    int status = 0;
    waitpid(writer.pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_EQ(lines.size(), 1u);
  }
  const auto first_case_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - calibration_start)
          .count();
  std::mt19937 random(20251127);
  std::uniform_int_distribution<long> kill_after_us(first_case_us / 4, first_case_us * 3);
  std::vector<std::string> reported;
  int first_round_with_a_case = -1;
  const int rounds = 40;
  for (int round = 0; round < rounds; ++round) {
    const Instant start = local("2025-03-03 09:00") + boost::posix_time::hours(24 * round);
    const Writer writer = start_writer(db, round, 100000, start);
    usleep(static_cast<useconds_t>(kill_after_us(random)));
    kill(writer.pid, SIGKILL);
    int status = 0;
    waitpid(writer.pid, &status, 0);
    const std::vector<std::string> lines = read_lines(writer.reports);
    close(writer.reports);
    if (WIFEXITED(status)) {
      ADD_FAILURE() << "round " << round << ": the child ended by itself with status " << WEXITSTATUS(status);
    }
    if (first_round_with_a_case < 0 && !lines.empty()) first_round_with_a_case = round;
    reported.insert(reported.end(), lines.begin(), lines.end());
  }
  EXPECT_GT(reported.size(), 0u) << "no child committed anything before it was killed";
  std::printf("%zu cases reported committed by %d killed writers\n", reported.size(), rounds);
  const std::set<std::string> distinct(reported.begin(), reported.end());
  EXPECT_EQ(distinct.size(), reported.size());
  expect_sound(db, reported);
  // A retried intake of a reported case with its key makes nothing new.
  if (first_round_with_a_case >= 0) {
    const int r = first_round_with_a_case;
    TestEngine again(db, local("2030-01-01 00:00"));
    const std::string cases_before = raw_query(db, "SELECT count(*) FROM cases");
    Json petition = letter_at(local("2025-03-03 09:00") + boost::posix_time::hours(24 * r) + seconds(1));
    petition["petitioners"][0]["id_number"] = "1101011980" + std::to_string(100000 + r * 1000);
    petition["petitioners"][0]["phone"] = "139" + std::to_string(10000000 + r * 100000);
    const CommandResult retry = again.engine.intake_json(kRegistrar, petition, "child-" + std::to_string(r) + "-0");
    EXPECT_TRUE(retry.replayed);
    EXPECT_EQ(retry.number, reported.front());
    EXPECT_EQ(raw_query(db, "SELECT count(*) FROM cases"), cases_before);
  }
}

TEST(EngineProcesses, FourWritersAtOnceNumberWithoutGaps) {
  TempDir dir;
  const std::string db = dir.file("busy.db");
  { TestEngine(db).add_staff(); }
  const int writers = 4;
  const int cases_each = 150;
  std::vector<pid_t> children;
  std::vector<int> report_fds;
  for (int child = 0; child < writers; ++child) {
    const Writer writer = start_writer(db, child, cases_each, local("2025-03-03 09:00"));
    children.push_back(writer.pid);
    report_fds.push_back(writer.reports);
  }
  std::vector<std::string> reported;
  for (int child = 0; child < writers; ++child) {
    const std::vector<std::string> lines = read_lines(report_fds[static_cast<std::size_t>(child)]);
    close(report_fds[static_cast<std::size_t>(child)]);
    int status = 0;
    waitpid(children[static_cast<std::size_t>(child)], &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer " << child << " failed (see its stderr)";
    EXPECT_EQ(lines.size(), static_cast<std::size_t>(cases_each)) << "writer " << child;
    reported.insert(reported.end(), lines.begin(), lines.end());
  }
  const std::set<std::string> distinct(reported.begin(), reported.end());
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(writers * cases_each));
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM cases"), std::to_string(writers * cases_each));
  EXPECT_EQ(raw_query(db, "SELECT count(*) FROM events"), std::to_string(writers * cases_each * 3));
  expect_sound(db, reported);
}

}  // namespace
}  // namespace xinfang::testing
