// <restop/auth/sigv4.hpp> builds and signs with -fno-exceptions: the suite's get-vanilla case,
// and a refused clock, both as values.
#include <chrono>
#include <cstdio>
#include <string_view>

#include <restop/auth/sigv4.hpp>

int main() {
    using namespace std::chrono;
    restop::sigv4_signer signer({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}, "us-east-1", "service");
    restop::request req{restop::http_method::get, "/", {}, {}};
    const auto when = sys_days(year(2015) / 8 / 30) + hours(12) + minutes(36);
    if (!signer.sign(req, "example.amazonaws.com", when)) return 1;
    if (signer.artefacts().signature != "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31") return 2;
    auto refused = signer.sign(req, "example.amazonaws.com", sys_seconds(seconds(-1)));
    if (refused || refused.error().input.violated != restop::constraint::range) return 3;
    std::puts("signed without exceptions");
    return 0;
}
