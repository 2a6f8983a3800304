// A service request and reply as the emulator's HTTP layer hands them over:
// transport-independent, so that the model, the service and the operations
// never see Beast.
#pragma once

#include <optional>
#include <string>
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
    HeaderList headers;      // extra headers (X-Amzn-Errortype, Allow, injected ones)
    std::string body;
    std::string request_id;  // x-amzn-requestid; the HTTP layer makes one when empty
};

// The bearer token of the request when it has exactly one well-formed
// "Authorization: Bearer <token>" header.
std::optional<std::string> bearer_of(const Request& req);

} // namespace emu
