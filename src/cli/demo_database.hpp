// The xinfang command-line program: the database part of `xinfang demo`.
#ifndef XINFANG_SRC_CLI_DEMO_DATABASE_HPP
#define XINFANG_SRC_CLI_DEMO_DATABASE_HPP

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace xinfang::cli {

/**
 * Creates the database @p path (which must not exist) and runs a week of a petition office on it.
 * Prints the story on @p out; with @p out null, returns it as JSON instead. @p kept: the file
 * stays afterwards (the story then says how to look around in it).
 */
nlohmann::json run_database_demo(const std::string& path, std::ostream* out, bool kept);

}  // namespace xinfang::cli

#endif
