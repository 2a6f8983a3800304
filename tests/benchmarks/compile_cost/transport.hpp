#pragma once
// The in-memory transport the compile-cost translation units call through, and their call.
// Included after restop: each TU chooses which of restop's headers it measures (the single
// header, or the core and one operation).

namespace compile_cost {
struct canned_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};

// The whole call both one-operation TUs make: validation, encoding, decoding and the error type
// are all instantiated.
inline int call_delete_access_token(int argc, char** argv) {
    canned_transport transport;
    const restop::bearer_token token("token");
    restop::request scratch;
    const char* id = argc > 1 ? argv[1] : "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";
    auto outcome = restop::call(transport, restop::codecatalyst::delete_access_token{.id = id}, token, scratch);
    return outcome ? 0 : 1;
}
}  // namespace compile_cost
