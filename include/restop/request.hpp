#pragma once
// restop::request: what encode() produces and a transport sends. A plain value; no I/O.

#include <ostream>
#include <string>
#include <string_view>

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

/// Prints the request for logs with the Authorization and X-Amz-Security-Token values redacted,
/// and the X-Amz-Security-Token and X-Amz-Signature of a presigned target, so that a logged
/// request never leaks the bearer token, an AWS session token or a usable presigned URL.
inline std::ostream& operator<<(std::ostream& out, const request& req) {
    out << to_string(req.method) << ' ';
    // A presigned URL carries its credentials in the query: the session token and the
    // signature (which lets anyone replay the request until it expires).
    std::string_view target = req.target;
    for (std::size_t at = 0; at < target.size();) {
        const std::size_t next = target.find_first_of("?&", at);
        const std::size_t end = next == std::string_view::npos ? target.size() : next + 1;
        const std::string_view part = target.substr(at, end - at);
        const bool secret = part.starts_with("X-Amz-Security-Token=") || part.starts_with("X-Amz-Signature=");
        if (secret) {
            out << part.substr(0, part.find('=') + 1) << "<redacted>";
            if (next != std::string_view::npos) out << target[next];
        } else {
            out << part;
        }
        at = end;
    }
    for (const header& field : req.headers) {
        out << "\n" << field.name << ": ";
        if (iequals(field.name, "authorization") || iequals(field.name, "x-amz-security-token"))
            out << "<redacted>";
        else
            out << field.value;
    }
    if (!req.body.empty()) out << "\n\n" << req.body;
    return out;
}

}  // namespace restop
