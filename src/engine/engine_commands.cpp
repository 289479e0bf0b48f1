// The typed command calls: each builds the command's arguments (docs/lifecycle.md) and runs it.
#include "engine/engine_impl.hpp"

namespace xinfang {
namespace {

// Optional text arguments are left out when empty, as a caller of run() would leave them out.
Json args_with(std::initializer_list<std::pair<const char*, std::string>> optional_texts, Json args = Json::object()) {
  for (const auto& [key, value] : optional_texts) {
    if (!value.empty()) args[key] = value;
  }
  return args;
}

}  // namespace

CommandResult Engine::accept(const std::string& number, const std::string& actor, const std::string& note,
                             const RunOptions& options) {
  return run(number, actor, {"accept", args_with({{"note", note}})}, options);
}

CommandResult Engine::not_accept(const std::string& number, const std::string& actor, const std::string& reason,
                                 const std::string& note, const RunOptions& options) {
  return run(number, actor, {"not_accept", args_with({{"note", note}}, {{"reason", reason}})}, options);
}

CommandResult Engine::forward(const std::string& number, const std::string& actor, const std::string& organisation,
                              const std::string& note, const RunOptions& options) {
  return run(number, actor, {"forward", args_with({{"note", note}}, {{"organisation", organisation}})}, options);
}

CommandResult Engine::assign(const std::string& number, const std::string& actor, const std::string& unit,
                             const std::string& note, const RunOptions& options) {
  return run(number, actor, {"assign", args_with({{"note", note}}, {{"unit", unit}})}, options);
}

CommandResult Engine::route(const std::string& number, const std::string& actor, const std::string& unit,
                            const std::string& handler, const RunOptions& options) {
  return run(number, actor, {"route", args_with({{"unit", unit}, {"handler", handler}})}, options);
}

CommandResult Engine::transfer(const std::string& number, const std::string& actor, const std::string& unit,
                               const std::string& handler, const std::string& reason, const RunOptions& options) {
  return run(number, actor, {"transfer", args_with({{"handler", handler}, {"reason", reason}}, {{"unit", unit}})},
             options);
}

CommandResult Engine::object(const std::string& number, const std::string& actor, const std::string& reason,
                             const RunOptions& options) {
  return run(number, actor, {"object", {{"reason", reason}}}, options);
}

CommandResult Engine::take_ownership(const std::string& number, const std::string& actor, const std::string& leader,
                                     const std::string& note, const RunOptions& options) {
  return run(number, actor, {"take_ownership", args_with({{"note", note}}, {{"leader", leader}})}, options);
}

CommandResult Engine::mark_key(const std::string& number, const std::string& actor, const std::string& note,
                               const RunOptions& options) {
  return run(number, actor, {"mark_key", args_with({{"note", note}})}, options);
}

CommandResult Engine::suspend(const std::string& number, const std::string& actor, const std::string& reason,
                              const RunOptions& options) {
  return run(number, actor, {"suspend", {{"reason", reason}}}, options);
}

CommandResult Engine::resume(const std::string& number, const std::string& actor, const std::string& reason,
                             const RunOptions& options) {
  return run(number, actor, {"resume", args_with({{"reason", reason}})}, options);
}

CommandResult Engine::request_extension(const std::string& number, const std::string& actor, int amount,
                                        const std::string& reason, const RunOptions& options) {
  return run(number, actor, {"request_extension", {{"amount", amount}, {"reason", reason}}}, options);
}

CommandResult Engine::approve_extension(const std::string& number, const std::string& actor, const std::string& note,
                                        const RunOptions& options) {
  return run(number, actor, {"approve_extension", args_with({{"note", note}})}, options);
}

CommandResult Engine::refuse_extension(const std::string& number, const std::string& actor, const std::string& reason,
                                       const RunOptions& options) {
  return run(number, actor, {"refuse_extension", {{"reason", reason}}}, options);
}

CommandResult Engine::reply(const std::string& number, const std::string& actor, Outcome outcome,
                            const std::string& text, const RunOptions& options) {
  return run(number, actor, {"reply", {{"outcome", outcome_name(outcome)}, {"text", text}}}, options);
}

CommandResult Engine::rate(const std::string& number, const std::string& actor, const std::string& level,
                           const std::string& comment, const RunOptions& options) {
  return run(number, actor, {"rate", args_with({{"comment", comment}}, {{"level", level}})}, options);
}

CommandResult Engine::rate(const std::string& number, const std::string& actor, const RatingInput& rating,
                           const RunOptions& options) {
  Json args = args_with({{"comment", rating.comment}}, {{"level", rating.level}});
  if (rating.resolved) args["resolved"] = *rating.resolved;
  return run(number, actor, {"rate", std::move(args)}, options);
}

CommandResult Engine::follow_up(const std::string& number, const std::string& actor, const std::string& result,
                                std::optional<bool> resolved, const RunOptions& options) {
  Json args = {{"result", result}};
  if (resolved) args["resolved"] = *resolved;
  return run(number, actor, {"follow_up", std::move(args)}, options);
}

CommandResult Engine::contact(const std::string& number, const std::string& actor, const std::string& method,
                              const std::string& note, const RunOptions& options) {
  return run(number, actor, {"contact", args_with({{"note", note}}, {{"method", method}})}, options);
}

CommandResult Engine::request_review(const std::string& number, const std::string& actor, const std::string& reason,
                                     const RunOptions& options) {
  return run(number, actor, {"request_review", args_with({{"reason", reason}})}, options);
}

CommandResult Engine::decide_review(const std::string& number, const std::string& actor, Outcome outcome,
                                    const std::string& text, const RunOptions& options) {
  return run(number, actor, {"decide_review", {{"outcome", outcome_name(outcome)}, {"text", text}}}, options);
}

CommandResult Engine::request_rereview(const std::string& number, const std::string& actor, const std::string& reason,
                                       const RunOptions& options) {
  return run(number, actor, {"request_rereview", args_with({{"reason", reason}})}, options);
}

CommandResult Engine::decide_rereview(const std::string& number, const std::string& actor, Outcome outcome,
                                      const std::string& text, const RunOptions& options) {
  return run(number, actor, {"decide_rereview", {{"outcome", outcome_name(outcome)}, {"text", text}}}, options);
}

CommandResult Engine::withdraw(const std::string& number, const std::string& actor, const std::string& reason,
                               const RunOptions& options) {
  return run(number, actor, {"withdraw", args_with({{"reason", reason}})}, options);
}

CommandResult Engine::merge(const std::string& number, const std::string& actor, const std::string& into,
                            const std::string& note, const RunOptions& options) {
  return run(number, actor, {"merge", args_with({{"note", note}}, {{"into", into}})}, options);
}

CommandResult Engine::archive(const std::string& number, const std::string& actor, const std::string& note,
                              const RunOptions& options) {
  return run(number, actor, {"archive", args_with({{"note", note}})}, options);
}

CommandResult Engine::note(const std::string& number, const std::string& actor, const std::string& text,
                           const RunOptions& options) {
  return run(number, actor, {"note", {{"text", text}}}, options);
}

}  // namespace xinfang
