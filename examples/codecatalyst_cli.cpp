// codecatalyst: every Amazon CodeCatalyst operation from the shell, built on restop and its
// libcurl transport. Nothing here is specific to one operation: the commands, their flags and
// their help come from codecatalyst_cli_table.hpp (generated from the Smithy model beside the
// descriptions), and JSON goes to an operation's input and back from its output through
// restop::value_traits, the way restop's own encoder and decoder carry every value.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <restop/restop.hpp>
#include <restop/transports/curl.hpp>

#include "codecatalyst_cli_table.hpp"

namespace {

namespace cc = restop::codecatalyst;
namespace cli = restop::codecatalyst::cli;

constexpr int exit_ok = 0;
constexpr int exit_service_error = 1;
constexpr int exit_refused = 2;  // bad usage or input refused before sending: nothing was sent
constexpr int exit_transport = 3;

// ---- what every operation shares -------------------------------------------------------------

struct global_options {
    std::string endpoint{cc::default_endpoint};
    int max_attempts = 3;
    double timeout_seconds = 30;
    std::string token_file;
};

// What the command line gave one operation: --cli-input-json, --no-paginate, and each member's
// flag values (a list member may repeat its flag), indexed like table<Op>::input.
struct operation_arguments {
    std::string cli_input_json;
    bool no_paginate = false;
    std::vector<std::vector<std::string>> flags;
};

int refuse(std::string_view what) {
    std::cerr << "codecatalyst: " << what << '\n';
    return exit_refused;
}

// The token from --token-file (one trailing newline dropped) or $CODECATALYST_TOKEN.
bool load_token(const global_options& options, std::string& token) {
    if (!options.token_file.empty()) {
        std::ifstream file(options.token_file, std::ios::binary);
        if (!file) return false;
        std::ostringstream content;
        content << file.rdbuf();
        token = content.str();
        if (!token.empty() && token.back() == '\n') token.pop_back();
        if (!token.empty() && token.back() == '\r') token.pop_back();
        return true;
    }
    const char* from_env = std::getenv("CODECATALYST_TOKEN");
    token = from_env ? from_env : "";
    return true;
}

void print(const boost::json::object& object) { std::cout << boost::json::serialize(object) << '\n'; }

// A failed call, as codecatalyst-tokens prints it: a service error (exit 1) or a transport
// failure (exit 3).
template <class Error>
int report_error(const Error& error) {
    boost::json::object line;
    line["ok"] = false;
    if (error.kind() == restop::error_kind::transport) {
        line["error"] = "TransportError";
        line["message"] = error.message();
        print(line);
        return exit_transport;
    }
    if (error.kind() == restop::error_kind::validation) return refuse("invalid input: " + error.message());
    line["status"] = error.status();
    line["error"] = error.name();
    line["message"] = error.message();
    line["fault"] = to_string(error.fault());
    line["retryable"] = error.retryable();
    if (!error.request_id().empty()) line["requestId"] = error.request_id().view();
    print(line);
    return exit_service_error;
}

restop::transports::curl_transport make_transport(const global_options& options) {
    restop::transports::transport_options transport;
    transport.endpoint = options.endpoint;
    transport.total_timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
    transport.connect_timeout = std::min(transport.connect_timeout, transport.total_timeout);
    transport.user_agent = "restop-codecatalyst-cli/0.1";
    return restop::transports::curl_transport(transport);
}

// ---- JSON to an operation's input, and an output back to JSON ----------------------------------

template <class T>
inline constexpr bool is_string_param = false;
template <class... Constraints>
inline constexpr bool is_string_param<restop::string_param<Constraints...>> = true;

// Timestamps on the command line are RFC 3339 whatever the wire format, as in the AWS CLI.
constexpr restop::wire_context cli_context{restop::location::body, restop::timestamp_format::date_time, false};

// The Smithy kind of a member's value, and of a list's elements.
template <class T>
constexpr restop::value_kind kind_of() {
    return restop::value_traits<restop::detail::unwrapped_t<T>>::kind;
}
template <class T>
constexpr restop::value_kind element_kind_of() {
    using value = restop::detail::unwrapped_t<T>;
    if constexpr (restop::detail::is_vector<value>)
        return kind_of<typename value::value_type>();
    else
        return kind_of<value>();
}

// One flag value as the JSON the member takes: text for strings, timestamps, blobs and enums;
// numbers and booleans as JSON scalars; structures, unions, maps and documents as JSON text.
std::optional<boost::json::value> flag_to_json(restop::value_kind kind, const std::string& text, std::string_view& problem) {
    using restop::value_kind;
    switch (kind) {
        case value_kind::string:
        case value_kind::timestamp_:
        case value_kind::blob: return boost::json::value(boost::json::string(text));
        case value_kind::boolean:
            if (text == "true") return boost::json::value(true);
            if (text == "false") return boost::json::value(false);
            problem = "is not true or false";
            return std::nullopt;
        default: break;
    }
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(text, ec);
    if (ec) {
        problem = kind == value_kind::integer || kind == value_kind::floating || kind == value_kind::big_number ? "is not a number"
                                                                                                                : "is not valid JSON";
        return std::nullopt;
    }
    if ((kind == value_kind::integer || kind == value_kind::big_number) && !parsed.is_int64() && !parsed.is_uint64()) {
        problem = "is not an integer";
        return std::nullopt;
    }
    if (kind == value_kind::floating && !parsed.is_number()) {
        problem = "is not a number";
        return std::nullopt;
    }
    return parsed;
}

// Reads one member from the JSON value given for it. Top-level strings are views (restop's
// string_param): their text lives in `arena` for as long as the operation is used.
template <class T>
restop::detail::read_outcome read_member(const boost::json::value& json, T& out, std::deque<std::string>& arena) {
    if constexpr (is_string_param<T>) {
        const auto* text = json.if_string();
        if (!text) return restop::detail::problem("is not a string");
        out = std::string_view(arena.emplace_back(text->data(), text->size()));
        return std::nullopt;
    } else {
        return restop::value_traits<T>::read_json(json, out, cli_context);
    }
}

template <class Op>
using table_of = cli::table<Op>;

// The input object (--cli-input-json, then each flag over it) as the operation's struct.
template <class Op, class... Bindings>
int read_input([[maybe_unused]] const boost::json::object& input, [[maybe_unused]] Op& op,
               [[maybe_unused]] std::deque<std::string>& arena, restop::members<Bindings...>) {
    static_assert(sizeof...(Bindings) == table_of<Op>::input.size(), "the CLI table and the description disagree");
    int status = exit_ok;
    [[maybe_unused]] std::size_t index = 0;
    ([&] {
        const std::string_view name = table_of<Op>::input[index++].name;
        if (status != exit_ok) return;
        const auto* found = input.if_contains(name);
        if (!found || found->is_null()) return;
        if (auto error = read_member(*found, op.*Bindings::pointer, arena)) {
            restop::detail::prefix_path(*error, name, false);
            status = refuse("invalid input: member '" + error->path + "' " + std::string(error->problem));
        }
    }(), ...);
    return status;
}

template <class Op>
int build_input(const operation_arguments& args, boost::json::object& input) {
    std::string text = args.cli_input_json;
    if (text.starts_with("file://")) {
        std::ifstream file(text.substr(7), std::ios::binary);
        if (!file) return refuse("cannot read --cli-input-json " + text);
        std::ostringstream content;
        content << file.rdbuf();
        text = content.str();
    }
    if (!text.empty()) {
        boost::system::error_code ec;
        boost::json::value parsed = boost::json::parse(text, ec);
        if (ec || !parsed.is_object()) return refuse("--cli-input-json is not a JSON object");
        input = std::move(parsed.as_object());
    }
    for (const auto& entry : input) {
        const std::string_view key(entry.key().data(), entry.key().size());
        const auto& members = table_of<Op>::input;
        if (std::none_of(members.begin(), members.end(), [&](const cli::member_info& m) { return m.name == key; }))
            return refuse("--cli-input-json: " + std::string(table_of<Op>::name) + " has no member '" + std::string(key) +
                          "' (see " + std::string(table_of<Op>::name) + " --help)");
    }
    return exit_ok;
}

template <class Op, class... Bindings>
int apply_flags([[maybe_unused]] const operation_arguments& args, [[maybe_unused]] boost::json::object& input,
                restop::members<Bindings...>) {
    int status = exit_ok;
    [[maybe_unused]] std::size_t index = 0;
    ([&] {
        const std::size_t i = index++;
        const cli::member_info& member = table_of<Op>::input[i];
        const std::vector<std::string>& values = args.flags[i];
        if (status != exit_ok || values.empty()) return;
        using value_type = typename Bindings::value_type;
        constexpr bool is_list = restop::detail::is_vector<restop::detail::unwrapped_t<value_type>>;
        std::string_view problem;
        if constexpr (is_list) {
            boost::json::array list;
            for (const std::string& text : values) {
                auto item = flag_to_json(element_kind_of<value_type>(), text, problem);
                if (!item) break;
                list.push_back(std::move(*item));
            }
            if (problem.empty()) input[member.name] = std::move(list);
        } else {
            if (values.size() > 1) {
                status = refuse(std::string(member.flag) + " takes one value (it is not a list)");
                return;
            }
            if (auto value = flag_to_json(kind_of<value_type>(), values.front(), problem)) input[member.name] = std::move(*value);
        }
        if (!problem.empty()) status = refuse("invalid " + std::string(member.flag) + ": the value " + std::string(problem));
    }(), ...);
    return status;
}

// The output as JSON under the model's member names; absent optional members are left out.
template <class Op, class Output, class... Fields>
boost::json::object write_output([[maybe_unused]] const Output& output, restop::fields<Fields...>) {
    static_assert(sizeof...(Fields) == table_of<Op>::output.size(), "the CLI table and the output disagree");
    boost::json::object object;
    [[maybe_unused]] std::size_t index = 0;
    ([&] {
        const std::string_view name = table_of<Op>::output[index++];
        const auto& value = output.*Fields::pointer;
        if (!Fields::traits::present(value)) return;
        restop::wire_context context = Fields::context;
        context.timestamps = restop::timestamp_format::date_time;
        Fields::traits::write_json(object[name], value, context);
    }(), ...);
    return object;
}

template <class Op, class Output>
boost::json::object output_json(const Output& output) {
    if constexpr (std::is_same_v<Output, restop::empty_output>)
        return {};
    else
        return write_output<Op>(output, typename Output::fields{});
}

// ---- one operation, end to end --------------------------------------------------------------

template <class Op>
int run(const global_options& options, const operation_arguments& args) {
    using description = restop::description_t<Op>;
    boost::json::object input;
    if (int status = build_input<Op>(args, input); status != exit_ok) return status;
    if (int status = apply_flags<Op>(args, input, typename description::member_list{}); status != exit_ok) return status;
    Op op{};
    std::deque<std::string> arena;
    if (int status = read_input(input, op, arena, typename description::member_list{}); status != exit_ok) return status;
    if (auto checked = restop::validate(op); !checked) return refuse("invalid input: " + checked.error().message());

    std::string secret;
    if (!load_token(options, secret)) return refuse("cannot read --token-file " + options.token_file);
    const restop::bearer_token token(std::move(secret));
    if (token.empty()) return refuse("no bearer token: set CODECATALYST_TOKEN or use --token-file");
    for (char c : token.reveal())
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return refuse("the bearer token holds a control byte, which must never reach a header");

    auto transport = make_transport(options);
    const restop::retry_options retry{.max_attempts = options.max_attempts};
    auto outcome = restop::call_with_retries(transport, op, token, retry);
    if (!outcome) return report_error(outcome.error());
    if constexpr (restop::detail::is_paginated<Op>) {
        using pagination = typename Op::pagination;
        auto& all = outcome->output;
        std::string next_token;  // the input's token is a view: its text lives here
        while (!args.no_paginate) {
            const auto& page_token = all.*pagination::output_token;
            if (!page_token || page_token->empty() || *page_token == next_token) break;
            next_token = *page_token;
            op.*pagination::input_token = std::string_view(next_token);
            auto page = restop::call_with_retries(transport, op, token, retry);
            if (!page) return report_error(page.error());
            auto& items = all.*pagination::items;
            auto& more = page->output.*pagination::items;
            if constexpr (restop::detail::is_optional<std::remove_cvref_t<decltype(items)>>) {
                if (more) {
                    if (!items) items.emplace();
                    items->insert(items->end(), std::make_move_iterator(more->begin()), std::make_move_iterator(more->end()));
                }
            } else {
                items.insert(items.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
            }
            all.*pagination::output_token = std::move(page->output.*pagination::output_token);
        }
        if (!args.no_paginate) (all.*pagination::output_token).reset();
    }
    print(output_json<Op>(outcome->output));
    return exit_ok;
}

// ---- help, from the table ---------------------------------------------------------------------

constexpr std::string_view usage = "usage: codecatalyst [--endpoint URL] [--max-attempts N] [--timeout SECONDS] "
                                   "[--token-file PATH] OPERATION [ARGS]\n";

constexpr std::string_view global_help = R"(
Calls any Amazon CodeCatalyst API operation and prints its output as one JSON object.

options:
  --endpoint URL       service endpoint (default https://codecatalyst.global.api.aws)
  --max-attempts N     attempts in all, AWS standard retry mode (default 3; 1 = no retries)
  --timeout SECONDS    total time allowed for each attempt (default 30)
  --token-file PATH    read the bearer token from PATH instead of $CODECATALYST_TOKEN
  --help               show this text; OPERATION --help shows an operation's members

The bearer token comes from the environment variable CODECATALYST_TOKEN or from --token-file;
it is never accepted on the command line and never printed.

input:   --cli-input-json JSON (or file://PATH), an object with the model's member names, and/or
         one flag per member, --kebab-case-member VALUE (a list repeats its flag; a structure is
         JSON); flags override the JSON; timestamps are RFC 3339.
output:  the operation's output, one JSON object with the model's member names, on stdout, exit 0;
         a paginated operation prints every page's items in one list, without nextToken
         (--no-paginate: the one page as the service sent it).
errors:  a service error: {"ok":false,"status":...,"error":"...","message":"...","fault":"...",
         "retryable":...,"requestId":"..."} on stdout, exit 1; input refused before sending: one
         line on stderr, exit 2; a transport failure: {"ok":false,"error":"TransportError",...}, exit 3.

operations:
)";

template <class... Ops>
std::string operations_help(cli::operation_list<Ops...>) {
    std::size_t width = 0;
    ((width = std::max(width, table_of<Ops>::name.size())), ...);
    std::string text;
    ([&] {
        text += "  ";
        text += table_of<Ops>::name;
        text.append(width + 2 - table_of<Ops>::name.size(), ' ');
        text += table_of<Ops>::summary;
        text += '\n';
    }(), ...);
    return text;
}

template <class Op>
std::string operation_help() {
    std::string text = "usage: codecatalyst [options] ";
    text += table_of<Op>::name;
    text += " [--cli-input-json JSON|file://PATH] [--MEMBER VALUE ...]";
    if constexpr (restop::detail::is_paginated<Op>) text += " [--no-paginate]";
    text += "\n\n";
    text += table_of<Op>::summary;
    text += "\n\nmembers (--cli-input-json key, flag: type, location; constraints):\n";
    if (table_of<Op>::input.empty()) text += "  (none)\n";
    for (const cli::member_info& m : table_of<Op>::input) {
        text += "  ";
        text += m.name;
        text += ", ";
        text += m.flag;
        text += ": ";
        text += m.type;
        text += ", ";
        text += m.location;
        if (!m.constraints.empty()) {
            text += "; ";
            text += m.constraints;
        }
        text += '\n';
        if (!m.summary.empty()) {
            text += "      ";
            text += m.summary;
            text += '\n';
        }
    }
    text += "\noutput members:";
    if (table_of<Op>::output.empty()) text += " none (prints {})";
    for (std::string_view name : table_of<Op>::output) {
        text += ' ';
        text += name;
    }
    text += '\n';
    if constexpr (restop::detail::is_paginated<Op>) {
        text += "paginated: every page is fetched and its items printed in one list; --no-paginate prints one page\n";
    }
    return text;
}

// ---- the command line ---------------------------------------------------------------------------

struct command {
    CLI::App* app = nullptr;
    operation_arguments args;
    std::function<int(const global_options&, const operation_arguments&)> run;
};

template <class Op>
void add_operation(CLI::App& app, std::deque<command>& commands) {
    command& entry = commands.emplace_back();
    entry.app = app.add_subcommand(std::string(table_of<Op>::name), std::string(table_of<Op>::summary));
    entry.app->formatter_fn([](const CLI::App*, std::string, CLI::AppFormatMode) { return operation_help<Op>(); });
    entry.app->add_option("--cli-input-json", entry.args.cli_input_json);
    if constexpr (restop::detail::is_paginated<Op>) entry.app->add_flag("--no-paginate", entry.args.no_paginate);
    entry.args.flags.resize(table_of<Op>::input.size());
    for (std::size_t i = 0; i < table_of<Op>::input.size(); ++i)
        entry.app->add_option(std::string(table_of<Op>::input[i].flag), entry.args.flags[i])
            ->expected(1)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
    entry.run = run<Op>;
}

template <class... Ops>
void add_operations(CLI::App& app, std::deque<command>& commands, cli::operation_list<Ops...>) {
    (add_operation<Ops>(app, commands), ...);
}

}  // namespace

int main(int argc, char** argv) {
    // Refused before anything else, so that a token given by mistake is never echoed.
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--token" || arg.starts_with("--token="))
            return refuse("the token is never taken from the command line; set CODECATALYST_TOKEN or use --token-file");
    }

    global_options options;
    CLI::App app("codecatalyst", "codecatalyst");
    app.require_subcommand(0, 1);
    app.formatter_fn([](const CLI::App*, std::string, CLI::AppFormatMode) {
        return std::string(usage) + std::string(global_help) + operations_help(cli::operations{}) +
               "\nRun `codecatalyst OPERATION --help` for an operation's members.\n";
    });
    app.add_option("--endpoint", options.endpoint)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.add_option("--max-attempts", options.max_attempts)->check(CLI::Range(1, 20));
    app.add_option("--timeout", options.timeout_seconds)->check(CLI::Range(0.001, 3600.0));
    app.add_option("--token-file", options.token_file);
    std::deque<command> commands;
    add_operations(app, commands, cli::operations{});

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // The help of the (sub)command that was asked; CLI11 throws from the innermost one.
        for (const command& c : commands)
            if (c.app->parsed()) return std::cout << c.app->help(), exit_ok;
        return std::cout << app.help(), exit_ok;
    } catch (const CLI::ParseError& e) {
        return refuse(std::string(e.what()) + " (see --help)");
    }
    for (const command& c : commands)
        if (c.app->parsed()) return c.run(options, c.args);
    return refuse("missing operation (see --help)");
}
