#pragma once
// One JSON text parsed by Boost.JSON into memory on the stack: the DOM goes into a 4 KiB buffer
// inside the object and spills to the heap only past that, and the parser's work space is a
// stack buffer too. An AWS error body or a small output (a created token, a project) is read
// without allocating; what is read out of the DOM is copied into the caller's own types.

#include <cstddef>
#include <optional>
#include <string_view>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

namespace restop::detail {

class parsed_json {
public:
    parsed_json() = default;
    parsed_json(const parsed_json&) = delete;
    parsed_json& operator=(const parsed_json&) = delete;

    /// Parses `text` as one complete JSON text (truncation is an error too); null when it is not
    /// one. The value lives as long as this object.
    const boost::json::value* parse(std::string_view text) {
        unsigned char parse_stack[1024];
        boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack, sizeof parse_stack);
        parser.reset(&memory_);
        boost::system::error_code ec;
        parser.write(text.data(), text.size(), ec);
        if (ec) return nullptr;
        // Constructed, not assigned: assigning a value to one of another storage would copy it to the heap.
        return &document_.emplace(parser.release());
    }

private:
    unsigned char dom_buffer_[4096];
    boost::json::monotonic_resource memory_{dom_buffer_, sizeof dom_buffer_};
    std::optional<boost::json::value> document_;  // after memory_, so that it goes first
};

}  // namespace restop::detail
