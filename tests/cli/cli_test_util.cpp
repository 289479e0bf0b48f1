// Helpers for the tests of the xinfang command-line program: run it, read what it printed.
#include "cli_test_util.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace xinfang::cli_test {
namespace {

// An unlinked temporary file to catch one stream of the child.
struct CaptureFile {
  int fd = -1;
  CaptureFile() {
    char name[] = "/tmp/xinfang-cli-test-XXXXXX";
    fd = ::mkstemp(name);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::unlink(name);
  }
  ~CaptureFile() {
    if (fd >= 0) ::close(fd);
  }
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;
  std::string read_all() const {
    std::string text;
    ::lseek(fd, 0, SEEK_SET);
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }
};

// Starts @p argv with @p input on stdin (or /dev/null) and waits for it.
CliRun spawn_and_wait(const std::vector<std::string>& argv_strings, const std::string* input) {
  std::vector<std::string> argv_storage = argv_strings;
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  CaptureFile in;
  if (input != nullptr) {
    const char* data = input->data();
    for (std::size_t left = input->size(); left > 0;) {
      const ssize_t n = ::write(in.fd, data, left);
      if (n <= 0) throw std::runtime_error("cannot write the child's input");
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    ::lseek(in.fd, 0, SEEK_SET);
  }
  CaptureFile out;
  CaptureFile err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input != nullptr) {
    posix_spawn_file_actions_adddup2(&actions, in.fd, STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, out.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  CliRun run;
  if (spawned != 0) {
    run.status = 127;
    run.err = "cannot start " + argv_strings.front() + ": error " + std::to_string(spawned);
    return run;
  }
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  run.out = out.read_all();
  run.err = err.read_all();
  return run;
}

std::vector<std::string> cli_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{XF_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

CliRun run_cli(const std::vector<std::string>& args) {
  CliRun run = spawn_and_wait(cli_argv(args), nullptr);
  if (run.status == 127 && run.out.empty()) ADD_FAILURE() << run.err;
  return run;
}

CliRun run_cli(const std::vector<std::string>& args, const std::string& input) {
  CliRun run = spawn_and_wait(cli_argv(args), &input);
  if (run.status == 127 && run.out.empty()) ADD_FAILURE() << run.err;
  return run;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

nlohmann::json parse_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    ADD_FAILURE() << "not JSON (" << e.what() << "):\n" << text;
    return nullptr;
  }
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "xinfang-cli-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  const std::string file = path_ + "/" + name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

::testing::AssertionResult one_line_error(const CliRun& run, int status, const std::string& code) {
  if (run.status != status) {
    return ::testing::AssertionFailure() << "exit status " << run.status << ", expected " << status
                                         << "; stderr: " << run.err;
  }
  if (std::count(run.err.begin(), run.err.end(), '\n') != 1 || run.err.back() != '\n') {
    return ::testing::AssertionFailure() << "stderr is not exactly one line: [" << run.err << "]";
  }
  const std::string prefix = "xinfang: error: " + code + ": ";
  if (run.err.rfind(prefix, 0) != 0) {
    return ::testing::AssertionFailure() << "stderr does not start with '" << prefix << "': " << run.err;
  }
  if (run.err.size() <= prefix.size() + 1) return ::testing::AssertionFailure() << "empty message: " << run.err;
  return ::testing::AssertionSuccess();
}

}  // namespace xinfang::cli_test
