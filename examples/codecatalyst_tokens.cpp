// codecatalyst-tokens: manage CodeCatalyst personal access tokens from the shell, built on restop
// and its libcurl transport. Prints one JSON object per line on stdout; see --help.
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <restop/restop.hpp>
#include <restop/transports/curl.hpp>

namespace {

namespace cc = restop::codecatalyst;

constexpr int exit_ok = 0;
constexpr int exit_service_error = 1;
constexpr int exit_refused = 2;  // bad usage or input refused before sending: nothing was sent
constexpr int exit_transport = 3;

constexpr std::string_view help_text = R"(usage: codecatalyst-tokens [options] COMMAND

Manages your CodeCatalyst personal access tokens through the CodeCatalyst API.

commands:
  delete ID                         delete the token ID
  create NAME [--expires RFC3339]   create a token; prints its secret (the only time it is shown)
  list [--max-results N]            list your tokens, one JSON line each, over all pages
                                    (N is the page size asked of the service, at most 10)
  whoami                            check the token: print the identity it belongs to

options:
  --endpoint URL       service endpoint (default https://codecatalyst.global.api.aws)
  --max-attempts N     attempts in all, AWS standard retry mode (default 3; 1 = no retries)
  --timeout SECONDS    total time allowed for each attempt (default 30)
  --token-file PATH    read the bearer token from PATH instead of $CODECATALYST_TOKEN
  --help               show this text

The bearer token comes from the environment variable CODECATALYST_TOKEN or from --token-file;
it is never accepted on the command line and never printed.

output: one JSON object per line of stdout.
  delete         {"ok":true,"status":200,"requestId":"..."}                           exit 0
  create         {"ok":true,"status":201,"accessTokenId":"...","name":"...",
                  "expiresTime":"...","secret":"..."}                                  exit 0
  list           {"id":"...","name":"...","expiresTime":"..."} per token              exit 0
                 (expiresTime only when the token has one)
  whoami         {"ok":true,"status":200,"identity":"..."}                            exit 0
  times are RFC 3339 in UTC, fractional seconds only when not zero
  service error  {"ok":false,"status":404,"error":"ResourceNotFoundException",
                  "message":"...","fault":"client","retryable":false,"requestId":"..."} exit 1
                 error is the modeled shape name; for a name the model doesn't know, that
                 name; where the response names none, the shape for its status, else
                 UnknownError. requestId appears only when the response has one.
  refused        one line on stderr naming the parameter and the constraint; nothing is
                 sent (bad id, empty or malformed token, bad usage)                  exit 2
  transport      {"ok":false,"error":"TransportError","message":"..."} after all retries exit 3
)";

struct arguments {
    std::string endpoint{cc::default_endpoint};
    int max_attempts = 3;
    double timeout_seconds = 30;
    std::string token_file;
    std::string expires;
    std::string max_results;
    std::string command;
    std::vector<std::string> operands;
};

int refuse(std::string_view what) {
    std::cerr << "codecatalyst-tokens: " << what << '\n';
    return exit_refused;
}

bool parse_number(const std::string& text, double& out) {
    char* end = nullptr;
    errno = 0;
    out = std::strtod(text.c_str(), &end);
    return errno == 0 && end != text.c_str() && *end == '\0';
}

// Returns an exit code when parsing ends the program (help or a usage error), else -1.
int parse(int argc, char** argv, arguments& args) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        std::string text;
        if (arg == "--help" || arg == "-h") {
            std::cout << help_text;
            return exit_ok;
        } else if (arg == "--endpoint") {
            if (!value(args.endpoint)) return refuse("--endpoint needs a URL");
        } else if (arg == "--max-attempts") {
            double n = 0;
            if (!value(text) || !parse_number(text, n) || n < 1 || n > 20 || n != static_cast<int>(n))
                return refuse("--max-attempts needs a whole number from 1 to 20");
            args.max_attempts = static_cast<int>(n);
        } else if (arg == "--timeout") {
            if (!value(text) || !parse_number(text, args.timeout_seconds) || args.timeout_seconds <= 0 ||
                args.timeout_seconds > 3600)
                return refuse("--timeout needs a number of seconds above 0 and at most 3600");
        } else if (arg == "--token-file") {
            if (!value(args.token_file)) return refuse("--token-file needs a path");
        } else if (arg == "--expires") {
            if (!value(args.expires)) return refuse("--expires needs an RFC 3339 date-time");
        } else if (arg == "--max-results") {
            if (!value(args.max_results)) return refuse("--max-results needs a number");
        } else if (arg == "--token" || arg.starts_with("--token=")) {
            return refuse("the token is never taken from the command line; set CODECATALYST_TOKEN or use --token-file");
        } else if (arg.starts_with("--")) {
            return refuse("unknown option " + std::string(arg) + " (see --help)");
        } else if (args.command.empty()) {
            args.command = arg;
        } else {
            args.operands.emplace_back(arg);
        }
    }
    if (args.command.empty()) return refuse("missing command (see --help)");
    return -1;
}

// The token from --token-file (one trailing newline dropped) or $CODECATALYST_TOKEN.
bool load_token(const arguments& args, std::string& token) {
    if (!args.token_file.empty()) {
        std::ifstream file(args.token_file, std::ios::binary);
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

template <class Error>
int report_error(const Error& error) {
    boost::json::object line;
    line["ok"] = false;
    if (error.kind() == restop::error_kind::transport) {
        line["error"] = "TransportError";
        line["message"] = error.message();
        std::cout << boost::json::serialize(line) << '\n';
        return exit_transport;
    }
    line["status"] = error.status();
    line["error"] = error.name();
    line["message"] = error.message();
    line["fault"] = to_string(error.fault());
    line["retryable"] = error.retryable();
    if (!error.request_id().empty()) line["requestId"] = error.request_id().view();
    std::cout << boost::json::serialize(line) << '\n';
    return exit_service_error;
}

restop::transports::curl_transport make_transport(const arguments& args) {
    restop::transports::transport_options options;
    options.endpoint = args.endpoint;
    options.total_timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_seconds * 1000));
    options.connect_timeout = std::min(options.connect_timeout, options.total_timeout);
    return restop::transports::curl_transport(options);
}

// Refuses before any connection is made, naming the parameter and the constraint.
template <class Op>
bool refused(const Op& op) {
    auto checked = restop::validate(op);
    if (!checked) refuse("invalid " + std::string(checked.error().member) + ": " + checked.error().message());
    return !checked;
}

void print(const boost::json::object& line) { std::cout << boost::json::serialize(line) << '\n'; }

int delete_token(const arguments& args, const restop::bearer_token& token) {
    if (args.operands.size() != 1) return refuse("delete takes exactly one ID");
    const cc::delete_access_token op{.id = args.operands[0]};
    if (refused(op)) return exit_refused;
    auto transport = make_transport(args);
    auto outcome = restop::call_with_retries(transport, op, token, {.max_attempts = args.max_attempts});
    if (!outcome) return report_error(outcome.error());
    boost::json::object line;
    line["ok"] = true;
    line["status"] = outcome->status;
    if (!outcome->request_id.empty()) line["requestId"] = outcome->request_id.view();
    print(line);
    return exit_ok;
}

int create_token(const arguments& args, const restop::bearer_token& token) {
    if (args.operands.size() != 1) return refuse("create takes exactly one NAME");
    cc::create_access_token op{.name = args.operands[0]};
    if (!args.expires.empty()) {
        op.expires_time = restop::parse_rfc3339(args.expires);
        if (!op.expires_time) return refuse("invalid --expires: not an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
    }
    if (refused(op)) return exit_refused;
    auto transport = make_transport(args);
    auto outcome = restop::call_with_retries(transport, op, token, {.max_attempts = args.max_attempts});
    if (!outcome) return report_error(outcome.error());
    const cc::create_access_token_output& created = outcome->output;
    boost::json::object line;
    line["ok"] = true;
    line["status"] = outcome->status;
    line["accessTokenId"] = created.access_token_id;
    line["name"] = created.name;
    line["expiresTime"] = restop::format_rfc3339(created.expires_time);
    line["secret"] = created.secret.reveal();  // the one place a secret is ever printed
    print(line);
    return exit_ok;
}

int list_tokens(const arguments& args, const restop::bearer_token& token) {
    if (!args.operands.empty()) return refuse("list takes no operands");
    cc::list_access_tokens op;
    if (!args.max_results.empty()) {
        double n = 0;
        if (!parse_number(args.max_results, n) || n != static_cast<double>(static_cast<std::int32_t>(n)))
            return refuse("invalid --max-results: not a whole number");
        op.max_results = restop::runtime(static_cast<std::int32_t>(n));
    }
    if (refused(op)) return exit_refused;
    auto transport = make_transport(args);
    for (const auto& item : restop::items(transport, op, token, {.max_attempts = args.max_attempts})) {
        if (!item) return report_error(item.error());
        boost::json::object line;
        line["id"] = item->id;
        line["name"] = item->name;
        if (item->expires_time) line["expiresTime"] = restop::format_rfc3339(*item->expires_time);
        print(line);
    }
    return exit_ok;
}

int whoami(const arguments& args, const restop::bearer_token& token) {
    if (!args.operands.empty()) return refuse("whoami takes no operands");
    auto transport = make_transport(args);
    auto outcome = restop::call_with_retries(transport, cc::verify_session{}, token, {.max_attempts = args.max_attempts});
    if (!outcome) return report_error(outcome.error());
    boost::json::object line;
    line["ok"] = true;
    line["status"] = outcome->status;
    line["identity"] = outcome->output.identity.value_or("");
    print(line);
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    arguments args;
    if (const int done = parse(argc, argv, args); done >= 0) return done;

    std::string secret;
    if (!load_token(args, secret)) return refuse("cannot read --token-file " + args.token_file);
    const restop::bearer_token token(std::move(secret));
    if (token.empty()) return refuse("no bearer token: set CODECATALYST_TOKEN or use --token-file");
    for (char c : token.reveal())
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return refuse("the bearer token holds a control byte, which must never reach a header");

    if (args.command == "delete") return delete_token(args, token);
    if (args.command == "create") return create_token(args, token);
    if (args.command == "list") return list_tokens(args, token);
    if (args.command == "whoami") return whoami(args, token);
    return refuse("unknown command " + args.command + " (see --help)");
}
