// The emulated CodeCatalyst service: the routing, authorisation and validation
// of every operation of the Smithy model (model.hpp), the in-memory state
// (state.hpp) the operations (ops_*.cpp) work on, plus the emulator's
// test-control endpoints (/__emulator/...). Transport-independent: the HTTP
// layer (emulator.cpp) turns Beast messages into Request and Reply into Beast
// messages.
#pragma once

#include "message.hpp"
#include "model.hpp"
#include "ops.hpp"
#include "state.hpp"
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

class Service {
public:
    // Loads the model and the fixtures (users) file; throws std::runtime_error
    // with a readable message. `max_tokens_per_user` bounds CreateAccessToken
    // (ServiceQuotaExceededException); `default_page_size` is the page size of a
    // listing called without its page-size member.
    Service(const std::string& model_path, const std::string& users_path, std::size_t max_tokens_per_user = 100,
            std::size_t default_page_size = 25);
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
    // Caller identified by the bearer token, nullptr when not authorised.
    const User* authenticate(const Request& req);

    Reply queue_faults(const Request& req);
    boost::json::array fault_specs();
    boost::json::array request_log();
    boost::json::array token_dump();

    void record_event(const Call& call, const Request& req, const boost::json::object& output);

    std::mutex mutex_;
    model::Model model_;
    HandlerTable handlers_;
    State state_;
    std::deque<Fault> faults_;
    boost::json::array log_;
};

} // namespace emu
