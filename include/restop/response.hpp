#pragma once
// restop::response: what a transport hands back and decode() reads. A plain value; no I/O.

#include <string>

#include "restop/header.hpp"

namespace restop {

/// An HTTP response as received: status code, header fields in arrival order, body bytes.
/// Nothing about it is trusted; decode() accepts any content.
struct response {
    int status = 0;
    header_list headers;
    std::string body;
};

}  // namespace restop
