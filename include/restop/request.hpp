#pragma once
// restop::request: what encode() produces and a transport sends. A plain value; no I/O.

#include <ostream>
#include <string>

#include "restop/header.hpp"
#include "restop/http_method.hpp"

namespace restop {

/// An HTTP request ready for the wire, minus what belongs to the connection (Host,
/// Content-Length, User-Agent): the transport adds those.
///
/// `target` is the origin-form request target (path and query, RFC 9112 §3.2.1), already
/// percent-encoded: a transport must send it byte for byte, without normalising or re-encoding.
struct request {
    http_method method = http_method::get;
    std::string target;
    header_list headers;
    std::string body;
    /// smithy.api#endpoint's host prefix (`"foo.data."`), already expanded: a transport puts it
    /// before the endpoint's host. Empty for most operations.
    std::string host_prefix = {};  // (a default, so that aggregate initialisation may leave it out)
};

/// Prints the request for logs with the Authorization value redacted, so that a logged request
/// never leaks the bearer token.
inline std::ostream& operator<<(std::ostream& out, const request& req) {
    out << to_string(req.method) << ' ' << req.target;
    for (const header& field : req.headers) {
        out << "\n" << field.name << ": ";
        if (iequals(field.name, "authorization"))
            out << "<redacted>";
        else
            out << field.value;
    }
    if (!req.body.empty()) out << "\n\n" << req.body;
    return out;
}

}  // namespace restop
