// The Smithy model of the service, read from its JSON AST at start-up, and
// everything the emulator derives from it: the routing table (method + URI
// template), the decoding of a request into its input members (labels, query,
// headers, JSON body) and the validation of those members against the model's
// constraints (@required, @length, @range, @pattern, enums, types).
//
// This is deliberately independent of restop's C++ descriptions: the emulator
// reads the same model file the generator reads, with its own code, so that a
// mistake in one cannot be hidden by the same mistake in the other.
#pragma once

#include "message.hpp"

#include <boost/json.hpp>
#include <boost/regex.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace emu::model {

enum class Kind {
    structure, union_, list, map, string, enum_, boolean, byte_, short_, integer, long_, int_enum,
    float_, double_, big_integer, big_decimal, timestamp, blob, document, unit
};

struct Constraints {
    std::optional<std::uint64_t> length_min, length_max;
    std::optional<double> range_min, range_max;
    std::optional<std::string> pattern;
    std::shared_ptr<const boost::regex> regex;   // compiled `pattern`
    std::optional<std::string> timestamp_format; // "date-time", "epoch-seconds", "http-date"
};

enum class Location { body, label, query, header, payload, other };

struct Member {
    std::string name;        // member name (the JSON key of the input object)
    std::string wire_name;   // query key / header name / @jsonName; the member name otherwise
    std::size_t target = 0;  // index into Model::shapes()
    bool required = false;
    Location location = Location::body;
    Constraints constraints; // member traits merged over the target's
};

struct Shape {
    std::string id;          // "com.amazonaws.codecatalyst#NameString"
    std::string name;        // "NameString"
    Kind kind = Kind::unit;
    Constraints constraints;
    // structure, union: its members; list: one, "member"; map: two, "key" and "value".
    std::vector<Member> members;
    std::vector<std::string> enum_values;   // enum, @enum strings
};

struct Segment {
    std::string text;        // literal text, or the label's member name
    bool label = false;
    bool greedy = false;
};

struct Operation {
    std::string name;        // "ListProjects"
    std::string method;      // "POST"
    std::string uri;         // "/v1/spaces/{spaceName}/projects", as in the model
    std::vector<Segment> segments;
    std::vector<std::pair<std::string, std::string>> query_literals; // "?x=1" in the URI
    unsigned code = 200;
    bool readonly = false;   // @readonly
    std::optional<std::size_t> input, output;
    // @paginated (service defaults applied): the member names, empty when not paginated.
    std::string input_token, output_token, items, page_size;
    bool paginated() const { return !input_token.empty(); }
};

// A routed request: the operation and its raw (still percent-encoded) labels.
struct Route {
    const Operation* op = nullptr;
    std::vector<std::pair<std::string, std::string>> labels;
};

// A request that no operation takes: 404 (no URI matches) or 405 (the URI
// matches, with other methods, listed in `allow`, ", "-joined, sorted).
struct NoRoute {
    unsigned status = 404;
    std::string allow;
    std::string uri;         // the URI template that matched the path (405)
};

class Model {
public:
    // Reads and indexes the model; throws std::runtime_error with a readable message.
    static Model load(const std::string& path);

    const std::string& service_name() const { return service_name_; }
    const std::vector<Operation>& operations() const { return operations_; }
    const Operation* operation(std::string_view name) const;
    const Shape& shape(std::size_t index) const { return shapes_[index]; }
    const Shape* find_shape(std::string_view name) const;

    std::variant<Route, NoRoute> route(std::string_view method, std::string_view path) const;

    // Builds the input object of `route.op` from the request: labels and query
    // values percent-decoded, headers, JSON body members (null = absent, unknown
    // members ignored), then validates it. On failure, the ValidationException
    // message ("1 validation error detected: ...").
    std::variant<boost::json::object, std::string> decode_input(const Route& route, const Request& req) const;

    // Validates an output object against the operation's output shape, for the
    // emulator's own consistency check. Empty when valid.
    std::vector<std::string> check_output(const Operation& op, const boost::json::object& output) const;

    // Errors of `value` against a structure shape, with paths like
    // 'persistentStorage.sizeInGiB' and 'repositories.1.member.repositoryName'.
    void validate_structure(const Shape& shape, const boost::json::object& value, const std::string& prefix,
                            std::vector<std::string>& errors) const;

private:
    std::size_t index_of(const std::string& id);
    Constraints constraints_of(const boost::json::object& traits, const Constraints& base) const;
    void validate_value(const Shape& shape, const Constraints& c, const boost::json::value& v, const std::string& path,
                        std::vector<std::string>& errors) const;

    std::string service_name_;
    std::vector<Shape> shapes_;
    std::vector<Operation> operations_;
};

// "1 validation error detected: e" / "2 validation errors detected: e1; e2".
std::string validation_message(const std::vector<std::string>& errors);

} // namespace emu::model
