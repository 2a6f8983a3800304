// In-memory model of the CodeCatalyst access-token API plus the emulator's
// test-control endpoints (/__emulator/...). Transport-independent: the HTTP
// layer (emulator.cpp) turns Beast messages into Request and Reply into Beast
// messages.
#pragma once

#include "util.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace emu {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;   // as received, e.g. "DELETE"
    std::string target;   // raw request-target, not normalised
    HeaderList headers;   // names as received, in order
    std::string body;
};

struct Reply {
    unsigned status = 200;
    std::string content_type = "application/json";
    HeaderList headers;   // extra headers (X-Amzn-Errortype, Allow, injected ones)
    std::string body;
};

// One queued fault (see POST /__emulator/faults).
struct Fault {
    std::uint64_t remaining = 1;
    std::chrono::milliseconds delay{0};
    bool drop = false;
    std::optional<unsigned> status;
    std::optional<std::string> error_type;
    std::optional<std::string> message;
    std::optional<std::string> body;
    std::optional<std::size_t> body_bytes;
    std::optional<std::string> content_type;
    HeaderList headers;
    boost::json::object spec;   // as submitted, for GET /__emulator/faults

    // True when the fault replaces the service's response (the operation
    // is then not executed).
    bool replaces_response() const { return status || error_type || body || body_bytes; }
};

struct Token {
    std::uint64_t seq = 0;           // creation order
    std::string id;
    std::string name;
    std::string secret;
    std::optional<TimePoint> expires;
    std::string owner;               // user name
};

struct User {
    std::string name;
    std::string identity;            // returned by VerifySession
};

class Service {
public:
    // Loads the users file; throws std::runtime_error with a readable message.
    // `max_tokens_per_user` bounds CreateAccessToken (ServiceQuotaExceededException).
    explicit Service(const std::string& users_path, std::size_t max_tokens_per_user = 100);
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    static bool is_control(const Request& req);

    // Test-control endpoints; never logged, never faulted, no auth.
    Reply control(const Request& req);

    // Appends the request to the request log and pops the fault (if any)
    // that applies to it.
    std::optional<Fault> record_and_take_fault(const Request& req);

    // The response a fault prescribes (only when fault.replaces_response()).
    static Reply fault_reply(const Fault& fault);

    // Routes and executes a service request.
    Reply dispatch(const Request& req);

    // Replaces every known secret (and the request's bearer) in `text`.
    std::string redact(std::string_view text, const Request& req);

private:
    struct Cursor {
        std::string owner;
        std::uint64_t after_seq = 0;
    };

    Reply create_token(const User& caller, const Request& req);
    Reply list_tokens(const User& caller, const Request& req);
    Reply delete_token(const User& caller, std::string_view raw_label);
    Reply verify_session(const User& caller);

    // Caller identified by the bearer token, nullptr when not authorised.
    const User* authenticate(const Request& req);

    Reply queue_faults(const Request& req);
    boost::json::array fault_specs();
    boost::json::array request_log();
    boost::json::array token_dump();

    std::mutex mutex_;
    std::size_t max_tokens_per_user_ = 100;
    std::vector<User> users_;
    std::vector<Token> tokens_;   // creation order
    std::uint64_t next_seq_ = 1;
    std::unordered_map<std::string, Cursor> cursors_;   // issued nextTokens
    std::deque<Fault> faults_;
    boost::json::array log_;
};

// Standard error responses.
Reply error_reply(std::string_view shape, std::string_view message);
Reply error_reply(unsigned status, std::string_view shape, std::string_view message);

// The bearer token of the request when it has exactly one well-formed
// "Authorization: Bearer <token>" header.
std::optional<std::string> bearer_of(const Request& req);

} // namespace emu
