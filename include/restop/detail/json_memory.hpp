#pragma once
// Memory on the stack for one JSON text parsed by Boost.JSON: the DOM goes into a 4 KiB buffer
// inside the object and spills to the heap only past that, and the parser's work space is a
// stack buffer too. An AWS error body or a small output (a created token, a project) is read
// without allocating; what is read out of the DOM is copied into the caller's own types.

#include <string_view>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

namespace restop::detail {

class json_memory {
public:
    json_memory() = default;
    json_memory(const json_memory&) = delete;
    json_memory& operator=(const json_memory&) = delete;

    /// Parses `text` as one complete JSON text (truncation is an error too) into this memory;
    /// `ec` says when it is not one. The value must go before this object does:
    ///
    ///     json_memory memory;
    ///     boost::system::error_code ec;
    ///     const boost::json::value document = memory.parse(body, ec);
    ///
    /// Returned by value, not kept in a member: the caller's variable is constructed in place,
    /// where an optional member cost a move and a second destruction per parse (+1-3% of the
    /// instructions of an error decode).
    boost::json::value parse(std::string_view text, boost::system::error_code& ec) {
        unsigned char parse_stack[1024];
        boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack, sizeof parse_stack);
        parser.reset(&memory_);
        parser.write(text.data(), text.size(), ec);
        if (ec) return nullptr;
        return parser.release();
    }

private:
    unsigned char dom_buffer_[4096];
    boost::json::monotonic_resource memory_{dom_buffer_, sizeof dom_buffer_};
};

}  // namespace restop::detail
